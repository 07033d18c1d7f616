/**
 * Things that hold a resource (a listener, a timer, a socket server) and let it go once. The hub's
 * parts each are one, and the hub disposes of them in the reverse of the order it made them.
 */
export interface Disposable {
  dispose(): void | Promise<void>;
}

export function toDisposable(fn: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      return fn();
    },
  };
}

/**
 * Disposes of what it was given, newest first, each once; a failing one is reported and does not
 * keep the others from going.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  /** Adds `d`; after the store is disposed of, `d` is disposed of at once. */
  add<T extends Disposable>(d: T): T {
    if (this.disposed) void Promise.resolve().then(() => d.dispose()).catch(this.onError);
    else this.items.push(d);
    return d;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.items.splice(0).reverse()) {
      try {
        await d.dispose();
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../../main/hub/disposable.js';

describe('a disposable store', () => {
  it('disposes newest first, each once, and goes on past one that fails', async () => {
    const order: string[] = [];
    const errors: unknown[] = [];
    const store = new DisposableStore((e) => errors.push(e));
    store.add(toDisposable(() => void order.push('first')));
    store.add(toDisposable(() => {
      throw new Error('second fails');
    }));
    store.add(toDisposable(async () => void order.push('third')));
    await store.dispose();
    await store.dispose();
    expect(order).toEqual(['third', 'first']);
    expect(errors).toHaveLength(1);
    expect(store.isDisposed).toBe(true);
  });

  it('disposes at once what is added after it was disposed of', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let gone = false;
    store.add(toDisposable(() => void (gone = true)));
    await new Promise((r) => setImmediate(r));
    expect(gone).toBe(true);
  });
});

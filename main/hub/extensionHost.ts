/**
 * Where features register the client events they answer (`handle(ns, event, fn)`), and where the
 * hub's extensions (printer, same-day pool, central link, device bridges) are attached, routed and
 * closed. An event the contract names but no feature registered answers NOT_AVAILABLE; a name
 * registered twice, or one the contract does not know, is refused at start-up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stackOf, type Log } from '../core/log.js';
import { CLIENT_EVENTS, type Namespace } from '../../sync/protocol/hub.js';
import { notAvailable, type Actor, type Answer, type Handler, type HandlerRegistry } from './answer.js';
import type { Disposable } from './disposable.js';
import type { HubExtension, HubPorts } from './extensions.js';

type AnyHandler = (payload: unknown, actor: Actor) => Answer;

/** The feature the catalogue names when an event has no handler here (error.NOT_AVAILABLE). */
const FEATURE_OF: Record<string, string> = { book: 'sameDay', licence: 'licences', licencePickup: 'licences', reprint: 'printer' };

export class ExtensionHost implements HandlerRegistry, Disposable {
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly attached: HubExtension[] = [];

  constructor(private readonly log: Log) {}

  handle<N extends Namespace, E extends keyof (typeof CLIENT_EVENTS)[N] & string>(ns: N, event: E, fn: Handler<N, E>): void {
    if (!Object.hasOwn(CLIENT_EVENTS[ns], event)) throw new Error(`no event ${ns}.${event} in the hub's contract`);
    const key = `${ns}.${event}`;
    if (this.handlers.has(key)) throw new Error(`${key} is registered twice`);
    this.handlers.set(key, fn as AnyHandler);
  }

  /** The handler of a contract event; NOT_AVAILABLE's answer when no feature registered it. */
  handler(ns: Namespace, event: string): AnyHandler {
    return this.handlers.get(`${ns}.${event}`) ?? (() => notAvailable(FEATURE_OF[event] ?? 'other'));
  }

  has(ns: Namespace, event: string): boolean {
    return this.handlers.has(`${ns}.${event}`);
  }

  /** Attaches an extension; one that fails to attach is not kept (and the failure goes up). */
  async attach(extension: HubExtension, ports: HubPorts): Promise<void> {
    await extension.attach?.(ports);
    this.attached.push(extension);
  }

  /** Offers a request to each extension's own route; true when one took it. */
  route(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    return this.attached.some((e) => e.route?.(req, res, path) === true);
  }

  get extensions(): readonly HubExtension[] {
    return this.attached;
  }

  async dispose(): Promise<void> {
    for (const extension of this.attached.splice(0).reverse()) {
      try {
        await extension.close?.();
      } catch (err) {
        this.log.error({ extension: extension.name, err: stackOf(err) }, 'closing an extension failed');
      }
    }
    this.handlers.clear();
  }
}

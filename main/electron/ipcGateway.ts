/**
 * The single entrance for messages from pages. A message is acted on only when its channel is on
 * the allow-list and used as declared (`send` or `invoke`), it comes from the top frame of one of
 * our windows while that frame shows the hub, and its payload matches the channel's schema.
 * Anything else is refused and logged, never thrown at the main process; a refused `invoke` rejects
 * in the page with the refusal's code, so the preload learns nothing else.
 */
import { CHANNEL_KINDS, CHANNELS, PAYLOADS, isChannel, type Answers, type Channel, type Payload, type WindowRole } from './channels.js';
import type { IpcEvent, IpcMain } from './electronApi.js';
import { isHubUrl, type HubOrigin } from './lockdown.js';

export type IpcRefusal = 'UNKNOWN_CHANNEL' | 'WRONG_KIND' | 'FOREIGN_SENDER' | 'FOREIGN_FRAME' | 'BAD_PAYLOAD';

export type IpcOutcome = { ok: true; answer: unknown } | { ok: false; refused: IpcRefusal };

/** The window a message came from, as the shell knows it. */
export interface IpcSender {
  role: WindowRole;
}

export type IpcHandlers<S extends IpcSender> = { [C in Channel]: (sender: S, payload: Payload<C>) => Answers[C] };

export interface IpcGatewayOptions<S extends IpcSender> {
  ipcMain: IpcMain;
  /** Our window for a web contents id, or undefined for anything else. */
  senderOf: (webContentsId: number) => S | undefined;
  hubOrigin: HubOrigin;
  handlers: IpcHandlers<S>;
  log: (line: string) => void;
}

export interface IpcGateway {
  /** What the ipcMain listeners call; exposed so a refusal can be tested on any channel name. */
  receive(channel: string, kind: 'send' | 'invoke', event: IpcEvent, args: unknown[]): IpcOutcome;
  close(): void;
}

/** The rejection a page sees for a refused `invoke`. */
export class IpcRefused extends Error {
  constructor(readonly refused: IpcRefusal) {
    super(refused);
    this.name = 'IpcRefused';
  }
}

export function openIpcGateway<S extends IpcSender>(options: IpcGatewayOptions<S>): IpcGateway {
  const { ipcMain, senderOf, hubOrigin, handlers, log } = options;

  const refuse = (channel: string, refused: IpcRefusal): IpcOutcome => {
    log(`ipc: refused a message on "${channel.slice(0, 60)}": ${refused}`);
    return { ok: false, refused };
  };

  const receive = (channel: string, kind: 'send' | 'invoke', event: IpcEvent, args: unknown[]): IpcOutcome => {
    if (!isChannel(channel)) return refuse(channel, 'UNKNOWN_CHANNEL');
    if (CHANNEL_KINDS[channel] !== kind) return refuse(channel, 'WRONG_KIND');
    const sender = senderOf(event.sender.id);
    if (!sender) return refuse(channel, 'FOREIGN_SENDER');
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isHubUrl(frame.url, hubOrigin())) return refuse(channel, 'FOREIGN_FRAME');
    if (args.length !== 1) return refuse(channel, 'BAD_PAYLOAD');
    const outcome = dispatch(channel, sender, args[0]);
    return outcome ?? refuse(channel, 'BAD_PAYLOAD');
  };

  // One case per channel keeps the payload's type tied to its handler.
  const dispatch = (channel: Channel, sender: S, raw: unknown): IpcOutcome | null => {
    switch (channel) {
      case CHANNELS.windowConfig: {
        const payload = PAYLOADS[channel].safeParse(raw);
        return payload.success ? { ok: true, answer: handlers[channel](sender, payload.data) } : null;
      }
      case CHANNELS.windowReady: {
        const payload = PAYLOADS[channel].safeParse(raw);
        // A page reporting another role than its window's is not one of ours.
        if (!payload.success || payload.data.role !== sender.role) return null;
        handlers[channel](sender, payload.data);
        return { ok: true, answer: undefined };
      }
    }
  };

  const channels = Object.keys(PAYLOADS);
  for (const channel of channels) {
    // Both registrations for every channel, so a channel used the wrong way is refused, not ignored.
    ipcMain.on(channel, (event, ...args: unknown[]) => void receive(channel, 'send', event, args));
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const outcome = receive(channel, 'invoke', event, args);
      if (!outcome.ok) throw new IpcRefused(outcome.refused);
      return outcome.answer;
    });
  }

  return {
    receive,
    close() {
      for (const channel of channels) {
        ipcMain.removeAllListeners(channel);
        ipcMain.removeHandler(channel);
      }
    },
  };
}

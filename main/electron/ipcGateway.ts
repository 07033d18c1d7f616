/**
 * The single entrance for messages from pages. A message is acted on only when its channel is on
 * the allow-list, it comes from the top frame of one of our windows while that frame shows the hub,
 * and its payload matches the channel's schema. Anything else is refused and logged, never thrown.
 */
import { CHANNELS, PAYLOADS, isChannel, type Channel, type Payload, type WindowRole } from './channels.js';
import type { IpcMain, IpcMainEvent } from './electronApi.js';
import { isHubUrl, type HubOrigin } from './lockdown.js';

export type IpcRefusal = 'UNKNOWN_CHANNEL' | 'FOREIGN_SENDER' | 'FOREIGN_FRAME' | 'BAD_PAYLOAD';

export type IpcOutcome = { ok: true } | { ok: false; refused: IpcRefusal };

/** The window a message came from, as the shell knows it. */
export interface IpcSender {
  role: WindowRole;
}

export type IpcHandlers<S extends IpcSender> = { [C in Channel]: (sender: S, payload: Payload<C>) => void };

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
  receive(channel: string, event: IpcMainEvent, args: unknown[]): IpcOutcome;
  close(): void;
}

export function openIpcGateway<S extends IpcSender>(options: IpcGatewayOptions<S>): IpcGateway {
  const { ipcMain, senderOf, hubOrigin, handlers, log } = options;

  const refuse = (channel: string, refused: IpcRefusal): IpcOutcome => {
    log(`ipc: refused a message on "${channel.slice(0, 60)}": ${refused}`);
    return { ok: false, refused };
  };

  const receive = (channel: string, event: IpcMainEvent, args: unknown[]): IpcOutcome => {
    if (!isChannel(channel)) return refuse(channel, 'UNKNOWN_CHANNEL');
    const sender = senderOf(event.sender.id);
    if (!sender) return refuse(channel, 'FOREIGN_SENDER');
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isHubUrl(frame.url, hubOrigin())) return refuse(channel, 'FOREIGN_FRAME');
    if (args.length !== 1) return refuse(channel, 'BAD_PAYLOAD');
    return dispatch(channel, sender, args[0]) ? { ok: true } : refuse(channel, 'BAD_PAYLOAD');
  };

  // One case per channel keeps the payload's type tied to its handler.
  const dispatch = (channel: Channel, sender: S, raw: unknown): boolean => {
    switch (channel) {
      case CHANNELS.windowReady: {
        const payload = PAYLOADS[channel].safeParse(raw);
        // A page reporting another role than its window's is not one of ours.
        if (!payload.success || payload.data.role !== sender.role) return false;
        handlers[channel](sender, payload.data);
        return true;
      }
    }
  };

  const channels = Object.keys(PAYLOADS);
  for (const channel of channels) ipcMain.on(channel, (event, ...args) => receive(channel, event, args));

  return {
    receive,
    close() {
      for (const channel of channels) ipcMain.removeAllListeners(channel);
    },
  };
}

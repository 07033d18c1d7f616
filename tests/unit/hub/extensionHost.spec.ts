import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../main/core/log.js';
import type { Actor } from '../../../main/hub/answer.js';
import { ExtensionHost } from '../../../main/hub/extensionHost.js';
import type { HubExtension, HubPorts } from '../../../main/hub/extensions.js';

const kiosk: Actor = { role: 'kiosk', id: 'kiosk:1' };

describe('the extension host', () => {
  it("answers a contract event no feature registered NOT_AVAILABLE, naming the feature", () => {
    const host = new ExtensionHost(memoryLog());
    expect(host.handler('kiosk', 'book')({}, kiosk)).toEqual({ ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'sameDay' } } });
    expect(host.handler('desk', 'reprint')({}, kiosk)).toEqual({ ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'printer' } } });
    expect(host.handler('admin', 'report')({}, kiosk)).toMatchObject({ hubError: { params: { feature: 'other' } } });
  });

  it('runs what a feature registered, and refuses a name twice or one the contract does not know', () => {
    const host = new ExtensionHost(memoryLog());
    host.handle('kiosk', 'licence', (p, actor) => ({ ok: true, body: { asked: p.applicationNumber, by: actor.id } }));
    expect(host.handler('kiosk', 'licence')({ applicationNumber: 'AB-1', phoneLast4: '1234' }, kiosk)).toEqual({ ok: true, body: { asked: 'AB-1', by: 'kiosk:1' } });
    expect(() => host.handle('kiosk', 'licence', () => ({ ok: true, body: {} }))).toThrow(/registered twice/);
    expect(() => host.handle('kiosk', 'launchMissiles' as never, () => ({ ok: true, body: {} }))).toThrow(/no event/);
    expect(host.has('kiosk', 'licence')).toBe(true);
  });

  it('attaches extensions, offers them requests, and closes them newest first even when one fails', async () => {
    const log = memoryLog();
    const host = new ExtensionHost(log);
    const closed: string[] = [];
    const ext = (name: string, fail = false): HubExtension => ({
      name,
      close: () => {
        closed.push(name);
        if (fail) throw new Error(`${name} would not close`);
      },
      route: (_req, _res, path) => path === `/${name}`,
    });
    for (const e of [ext('a'), ext('b', true), ext('c')]) await host.attach(e, {} as HubPorts);
    expect(host.route({} as never, {} as never, '/b')).toBe(true);
    expect(host.route({} as never, {} as never, '/z')).toBe(false);
    await host.dispose();
    expect(closed).toEqual(['c', 'b', 'a']);
    expect(log.entries.filter((e) => e.msg === 'closing an extension failed')).toHaveLength(1);
  });
});

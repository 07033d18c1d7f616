/** The config of the busContact alert source (main/config/schema.ts): what it needs and refuses. */
import { describe, expect, it } from 'vitest';
import { configSchema, type ConfigInput } from '../../../main/config/schema.js';

const base: ConfigInput = {
  centre: { id: '8041', name: 'ТСЦ МВС № 8041' },
  services: [{ code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" }],
  desks: [{ number: 1, services: ['DL_EXCHANGE'], token: 'desk-token-1', bus: { address: 1 } }],
  deskBus: { path: '/dev/ttyUSB0' },
};

function problems(over: Partial<ConfigInput>): string[] {
  const r = configSchema.safeParse({ ...base, ...over });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the busContact config', () => {
  it('takes the module’s address, with bus 0, a closed contact meaning an alert and a 2 s poll by default', () => {
    const config = configSchema.parse({ ...base, alerts: { sources: ['manual', 'busContact'], busContact: { address: 90 } } });
    expect(config.alerts.busContact).toEqual({ address: 90, line: 0, closedMeans: 'alert', pollEveryMs: 2000 });
  });

  it('needs alerts.busContact when busContact is a source, and a deskBus', () => {
    expect(problems({ alerts: { sources: ['busContact'] } })).toEqual(['alerts.sources: the busContact source needs alerts.busContact (address)']);
    const { deskBus: _, ...noBus } = base;
    expect(configSchema.safeParse({ ...noBus, alerts: { sources: ['busContact'], busContact: { address: 90 } } }).error?.issues.map((i) => i.message)).toEqual([
      'the busContact source needs a deskBus',
    ]);
  });

  it('refuses a module on a bus that does not exist, on a QSystem bus, or at a desk’s address', () => {
    expect(problems({ alerts: { sources: ['busContact'], busContact: { address: 90, line: 1 } } })).toEqual(['alerts.busContact.line: there is no deskBus 1']);
    expect(
      problems({ deskBus: [{ path: '/dev/ttyUSB0', driver: 'qsystem' }], alerts: { sources: ['busContact'], busContact: { address: 90 } } }),
    ).toEqual(['alerts.busContact.line: a contact module needs a bus with the talon driver']);
    expect(problems({ alerts: { sources: ['busContact'], busContact: { address: 1 } } })).toEqual(["alerts.busContact.address: address 1 is a desk's on that bus"]);
  });

  it('puts the module of a QSystem centre on a second bus with the Talon driver', () => {
    expect(
      problems({
        deskBus: [{ path: '/dev/ttyUSB0', driver: 'qsystem' }, { path: '/dev/ttyUSB1', driver: 'talon' }],
        alerts: { sources: ['busContact'], busContact: { address: 1, line: 1, closedMeans: 'clear' } },
      }),
    ).toEqual([]);
  });
});

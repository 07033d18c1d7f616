/** The admin page words the `clock` device (main/hub/centralLink.ts) from the catalogue, in both languages. */
import { describe, expect, it } from 'vitest';
import { deviceDetail, deviceName } from '../../../renderer/admin/deviceWords.js';
import { roughly } from '../../../main/hub/centralLink.js';
import type { DeviceView } from '../../../sync/protocol/hub.js';

const clock = (state: DeviceView['state'], detail: string): DeviceView => ({ id: 'clock', kind: 'clock', name: 'hub clock', state, detail, since: 0 });
const TZ = 'Europe/Kyiv';

describe('the clock device on the admin page', () => {
  it('names it and words each zone', () => {
    expect(deviceName('uk', clock('ok', ''), TZ)).toBe('Годинник хаба');
    expect(deviceDetail('en', clock('ok', 'in step with central'), TZ)).toBe('in step with central');
    expect(deviceDetail('uk', clock('degraded', `corrected to central's time (${roughly(20 * 60_000)})`), TZ)).toBe('виправлено за часом центральної системи (+20 хв)');
    const refused = `off by ${roughly(3 * 86_400_000)}, past the bound of ${roughly(3_600_000).slice(1)}: the hub keeps its own clock`;
    expect(deviceDetail('en', clock('down', refused), TZ)).toBe("off by +3 days, more than the 60 min it may be corrected by: the hub keeps its own clock; set this machine's time");
    expect(deviceDetail('uk', clock('down', refused), TZ)).toContain('розходиться на +3 дні');
  });

  it('rounds a skew to what a person reads', () => {
    expect(roughly(-90_000)).toBe('-2 min');
    expect(roughly(5 * 3600_000)).toBe('+5 h');
    expect(roughly(-3 * 86_400_000)).toBe('-3 d');
  });
});

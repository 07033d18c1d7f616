import type { FloorRules } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';

/** The part of the config the floor's rules read. */
export function floorRules(config: TalonConfig): FloorRules {
  return {
    centre: config.centre.id,
    timezone: config.centre.timezone,
    worksDuringAlert: config.centre.worksDuringAlert,
    ...((config.hub.shelterKioskTokens?.length ?? 0) > 0 && { shelterKiosk: true }),
    services: config.services.map((s) => ({ code: s.code, uk: s.uk, en: s.en })),
    desks: config.desks.map((d) => ({ number: d.number, services: [...d.services], ...(d.shelter && { shelter: true }) })),
    checkIn: { ...config.checkIn },
    recallsBeforeNoShow: config.calls.recallsBeforeNoShow,
    maxRecalls: config.calls.maxRecalls,
  };
}

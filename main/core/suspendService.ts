/** The admin stops or restarts check-in for one service (an examiner away, a system down). */
import { refuse } from './errors.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import type { Millis } from './types.js';

export function suspendService(state: FloorState, service: string, suspended: boolean, now: Millis): Decision<{ service: string; suspended: boolean }> {
  if (!state.serviceDef(service)) return refuse('UNKNOWN_SERVICE', { service });
  if (state.suspended.has(service) === suspended) return refuse('SAME_TARGET');
  const b = new DecisionBuilder();
  b.patch.suspended.push({ service, suspended });
  b.event(suspended ? 'service.suspended' : 'service.resumed', now, null, { service });
  return b.done({ service, suspended });
}

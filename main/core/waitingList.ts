/**
 * The visitors a desk may call, in the order callNext takes them (callNext.ts `nextFor`): transfers
 * aimed at this desk, then priority visitors by check-in time, then the service queues by place.
 */
import type { FloorState } from './floorState.js';
import type { Visit } from './types.js';

export function waitingFor(state: FloorState, deskNumber: number, limit = 20): Visit[] {
  const services = state.deskDef(deskNumber)?.services ?? [];
  const targeted = [...(state.deskQueue(deskNumber)?.values() ?? [])];
  const priority: Visit[] = [];
  const regular: Visit[] = [];
  for (const service of services) {
    const q = state.queueOf(service);
    if (!q) continue;
    priority.push(...q.priority.values());
    regular.push(...q.regular.values());
  }
  priority.sort((a, b) => (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0));
  regular.sort((a, b) => a.rank - b.rank || a.number - b.number);
  return [...targeted, ...priority, ...regular].slice(0, limit);
}

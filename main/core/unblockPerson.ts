/**
 * A person blocked for four no-shows in a month is unblocked only in person at a centre (DESIGN §1):
 * the admin confirms who stands at the counter, and central gets the event with the rest of the outbox.
 */
import { DecisionBuilder, type Decision } from './decision.js';
import type { Millis } from './types.js';

/** How central knows the person: phone, tax number (РНОКПП) or EDRPOU, validated at the hub's edge. */
export interface PersonRef {
  kind: string;
  value: string;
}

/**
 * The person goes to central in the event only; the result (the admin's ack, kept for a replay) names
 * just the kind, so no command result ever holds the identifier (main/store/retention.ts).
 */
export function unblockPerson(person: PersonRef, now: Millis): Decision<{ person: { kind: string } }> {
  const b = new DecisionBuilder();
  b.event('person.unblocked', now, null, { person: { kind: person.kind, value: person.value } });
  return b.done({ person: { kind: person.kind } });
}

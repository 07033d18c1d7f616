/**
 * Shelter service (DESIGN §4): desks, boards and kiosks may stand in the shelter. During an alert the
 * shelter's desks keep calling their services, the hall's desks freeze, and a service no shelter desk
 * serves is frozen: its visitors keep their place and the no-show clock stops for them.
 * `worksDuringAlert: true` means every desk is in the shelter.
 */
import type { FloorState } from './floorState.js';
import type { FloorRules } from './types.js';

/** Where a desk, board or kiosk stands. */
export type Place = 'hall' | 'shelter';

export function deskInShelter(rules: FloorRules, desk: number): boolean {
  return rules.worksDuringAlert || rules.desks.some((d) => d.number === desk && d.shelter === true);
}

/** Desks that keep serving during an alert, in number order. */
export function shelterDesks(rules: FloorRules): number[] {
  return rules.desks.filter((d) => deskInShelter(rules, d.number)).map((d) => d.number).sort((a, b) => a - b);
}

/** A service some shelter desk serves: it goes on being called during an alert. */
export function servedInShelter(rules: FloorRules, service: string): boolean {
  return rules.desks.some((d) => d.services.includes(service) && deskInShelter(rules, d.number));
}

/** A kiosk stands in the shelter (or the whole centre works there), so visitors can check in there. */
export function checkInInShelter(rules: FloorRules): boolean {
  return rules.worksDuringAlert || rules.shelterKiosk === true;
}

/**
 * Whether a booking not yet checked in could still be served during an alert: it can check in at a
 * shelter kiosk and a shelter desk serves it. Only then does its no-show clock run through an alert.
 */
export function bookableInShelter(rules: FloorRules, service: string): boolean {
  return checkInInShelter(rules) && servedInShelter(rules, service);
}

/** This desk may not call now: an alert is on and the desk stands in the hall. */
export function deskFrozen(state: FloorState, desk: number): boolean {
  return state.alert.active && !deskInShelter(state.rules, desk);
}

/** Nobody can serve this service now: an alert is on and no shelter desk serves it. */
export function serviceFrozen(state: FloorState, service: string): boolean {
  return state.alert.active && !servedInShelter(state.rules, service);
}

/** The no-show clock of a booking not checked in stops now (noShowSweep.ts). */
export function checkInFrozen(state: FloorState, service: string): boolean {
  return state.alert.active && !bookableInShelter(state.rules, service);
}

/** A kiosk at this place may not check in now: the hall's kiosks stop during an alert. */
export function placeFrozen(state: FloorState, place: Place): boolean {
  return state.alert.active && place === 'hall' && !state.rules.worksDuringAlert;
}

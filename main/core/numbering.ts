/** Ticket numbers per centre and day (DESIGN §1): regular bookings from 1000, priority from 1. */
export const FIRST_REGULAR_NUMBER = 1000;
export const FIRST_PRIORITY_NUMBER = 1;

export function nextNumber(taken: Iterable<number>, priority: boolean): number {
  const first = priority ? FIRST_PRIORITY_NUMBER : FIRST_REGULAR_NUMBER;
  let highest = first - 1;
  for (const n of taken) {
    const inSequence = priority ? n < FIRST_REGULAR_NUMBER : n >= FIRST_REGULAR_NUMBER;
    if (inSequence && n > highest) highest = n;
  }
  return highest + 1;
}

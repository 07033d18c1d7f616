/**
 * The floor's order becomes slot time, then number (main/core/queueOrder.ts). A queue cursor was
 * the highest number called; it becomes a position in that order, and every visit's rank with it:
 * position = minute of the slot × 1,000,000 + number. A late arrival's rank "number + 0.5" becomes
 * the position of that number's booking + 0.5, so a day in progress keeps its queue.
 */
const position = (alias: string) =>
  `((CAST(substr(${alias}.time, 1, 2) AS INTEGER) * 60 + CAST(substr(${alias}.time, 4, 2) AS INTEGER)) * 1000000 + ${alias}.number)`;

export const sql = `
ALTER TABLE cursors RENAME COLUMN number TO position;
UPDATE cursors SET position = coalesce((SELECT ${position('b')} FROM bookings b
  WHERE b.date = cursors.day AND b.number = cursors.position AND b.priority IS NULL ORDER BY b.status = 'active' DESC LIMIT 1), position);
UPDATE visits SET rank = coalesce((SELECT ${position('b')} + (visits.rank - CAST(visits.rank AS INTEGER)) FROM bookings b
  WHERE b.date = visits.day AND b.number = CAST(visits.rank AS INTEGER) AND b.priority IS NULL ORDER BY b.status = 'active' DESC LIMIT 1), rank)
  WHERE priority = 0;
`;

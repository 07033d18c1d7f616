/** Why a desk is paused and since when, for the admin's floor view and the reports (issue 11). */
export const sql = `
ALTER TABLE desks ADD COLUMN pause_reason TEXT CHECK (pause_reason IN ('break', 'lunch', 'technical', 'other'));
ALTER TABLE desks ADD COLUMN since INTEGER;
`;

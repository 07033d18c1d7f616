/**
 * The kinds of alert the official sources declare. Which of them freeze the floor is configuration
 * (`alerts.freezeTypes`, air raid by default); the others are only shown to the admin.
 */
export const ALERT_TYPES = ['air_raid', 'artillery_shelling', 'urban_fights', 'chemical', 'nuclear'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

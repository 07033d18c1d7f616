export { Store, openStore, type StoredEvent, type CommandRecord, type UpsertCounts } from './store.js';
export { migrate, MigrationError } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { PrintJobs, type NewPrintJob, type PrintJobRecord, type PrintJobState } from './printJobs.js';
export { SameDayPeople, personKey } from './sameDayPeople.js';
export { pruneRetention, retentionJob, withoutPersonal, REPORT_EVENT_TYPES, type RetentionCounts } from './retention.js';
export { PairedDeviceRows, type PairedDeviceRecord } from './pairedDevices.js';

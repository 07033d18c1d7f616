/**
 * Numbered, append-only migrations. A released migration is never edited: its checksum is recorded
 * when applied and checked at every start, so an edited one stops the hub instead of drifting.
 */
import { sql as floor } from './001_floor.js';
import { sql as outbox } from './002_outbox.js';
import { sql as sync } from './003_sync.js';
import { sql as printJobs } from './004_print_jobs.js';
import { sql as slotOrder } from './005_slot_order.js';
import { sql as sameDayPeople } from './006_same_day_people.js';
import { sql as deskPauseReason } from './007_desk_pause_reason.js';
import { sql as pairedDevices } from './008_paired_devices.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'floor', sql: floor },
  { version: 2, name: 'outbox', sql: outbox },
  { version: 3, name: 'sync', sql: sync },
  { version: 4, name: 'print_jobs', sql: printJobs },
  { version: 5, name: 'slot_order', sql: slotOrder },
  { version: 6, name: 'same_day_people', sql: sameDayPeople },
  { version: 7, name: 'desk_pause_reason', sql: deskPauseReason },
  { version: 8, name: 'paired_devices', sql: pairedDevices },
];

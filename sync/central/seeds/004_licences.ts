/** Seed 004: driver's licence applications in every state, for the demo centre and the tests. */
import type { LicenceSeed } from '../licences.js';

export function licenceSeeds(centre: string): LicenceSeed[] {
  return [
    { number: 'DL-2026-0001', person: 'taxId:3012345678', status: 'produced', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 9 },
    { number: 'DL-2026-0002', person: 'taxId:3012345679', status: 'produced', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 12 },
    { number: 'DL-2026-0003', person: 'taxId:3012345680', status: 'in_work', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 4 },
    { number: 'DL-2026-0004', person: 'taxId:3012345681', status: 'received', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 2 },
    { number: 'DL-2026-0005', person: 'taxId:3012345682', status: 'sent', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 0 },
    {
      number: 'DL-2026-0006', person: 'taxId:3012345683', status: 'refused', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 8,
      reason: { uk: 'Медична довідка недійсна.', en: 'The medical certificate is not valid.' },
    },
    { number: 'DL-2026-0007', person: 'taxId:3012345684', status: 'produced', delivery: 'post', pickupCentre: null, sentDaysAgo: 10 },
    { number: 'DL-2026-0008', person: 'taxId:3012345685', status: 'produced', delivery: 'pickup', pickupCentre: '8042', sentDaysAgo: 11 },
  ];
}

/**
 * Seed 004: driver's licence applications in every state, for the demo centre and the tests. The
 * applicant of DL-2026-000N has the phone +38050123450N, so the kiosk's second factor is `450N`;
 * 0007 (by post) and 0008 (at centre 8042) are handled by the demo centre.
 */
import type { LicenceSeed } from '../licences.js';

export function licenceSeeds(centre: string): LicenceSeed[] {
  return [
    { number: 'DL-2026-0001', phone: '+380501234501', person: 'taxId:3012345678', status: 'produced', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 9 },
    { number: 'DL-2026-0002', phone: '+380501234502', person: 'taxId:3012345679', status: 'produced', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 12 },
    { number: 'DL-2026-0003', phone: '+380501234503', person: 'taxId:3012345680', status: 'in_work', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 4 },
    { number: 'DL-2026-0004', phone: '+380501234504', person: 'taxId:3012345681', status: 'received', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 2 },
    { number: 'DL-2026-0005', phone: '+380501234505', person: 'taxId:3012345682', status: 'sent', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 0 },
    {
      number: 'DL-2026-0006', phone: '+380501234506', person: 'taxId:3012345683', status: 'refused', delivery: 'pickup', pickupCentre: centre, sentDaysAgo: 8,
      reason: { uk: 'Медична довідка недійсна.', en: 'The medical certificate is not valid.' },
    },
    { number: 'DL-2026-0007', phone: '+380501234507', person: 'taxId:3012345684', status: 'produced', delivery: 'post', pickupCentre: null, centre, sentDaysAgo: 10 },
    { number: 'DL-2026-0008', phone: '+380501234508', person: 'taxId:3012345685', status: 'produced', delivery: 'pickup', pickupCentre: '8042', centre, sentDaysAgo: 11 },
  ];
}

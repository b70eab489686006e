import type { CenterRow, StaffMemberRow } from '@cee-hub/db';
import type { CoverageRange as CoverageRangeData } from '../services/coverage.service';
import type { Center } from '../types/center.type';
import type { CoverageRange } from '../types/coverage.type';
import type { StaffMember } from '../types/staff-member.type';

export function toCenter(row: CenterRow): Center {
  return {
    id: row.id,
    name: row.name,
    managementCity: row.managementCity,
    status: row.status,
    openedOn: row.openedOn,
    contact: {
      email: row.contactEmail,
      phone: row.contactPhone,
      hours: row.hours,
      address: { street: row.street, city: row.city, state: row.state, postalCode: row.postalCode, country: 'US' },
    },
  };
}

/** The `center` field is resolved by CoverageRangeResolver from `centerId`. */
export function toCoverageRange(range: CoverageRangeData): Omit<CoverageRange, 'center'> {
  return { ...range };
}

export function toStaffMember(row: StaffMemberRow): Omit<StaffMember, 'center'> {
  return { id: row.id, name: row.name, email: row.email, role: row.role, centerId: row.centerId, active: row.active, deactivatedAt: row.deactivatedAt };
}

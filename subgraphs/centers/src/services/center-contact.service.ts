import { type Identity, ProblemCollector, textProblem } from '@cee-hub/common';
import { CenterRow, DirectoryEventRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { CenterService } from './center.service';
import { recordDirectoryEvent } from './directory-audit';
import { requireStaffKeeper } from './staff-admin.service';

export interface CenterContactChange {
  email?: string | null;
  phone?: string | null;
  hours?: string | null;
  address?: { street: string; city: string; state: string; postalCode: string } | null;
}

type ContactColumns = Pick<CenterRow, 'contactEmail' | 'contactPhone' | 'hours' | 'street' | 'city' | 'state' | 'postalCode'>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{6,30}$/;

/** The public contact block as the audit rows keep it. */
function contactRecord(row: ContactColumns): Record<string, string> {
  return { email: row.contactEmail, phone: row.contactPhone, hours: row.hours, street: row.street, city: row.city, state: row.state, postalCode: row.postalCode };
}

/** Checks every given field at once and answers the columns to set. */
function contactColumns(change: CenterContactChange): Partial<ContactColumns> {
  const problems = new ProblemCollector();
  const columns: Partial<ContactColumns> = {};
  const text = (field: string, value: string, max: number): string => {
    const trimmed = value.trim();
    if (!trimmed) problems.add(field, 'must not be empty');
    else if (textProblem(trimmed, max)) problems.add(field, textProblem(trimmed, max)!);
    return trimmed;
  };
  if (change.email != null) {
    columns.contactEmail = change.email.trim().toLowerCase();
    if (!EMAIL.test(columns.contactEmail)) problems.add('email', `'${change.email}' is not an email address like electronics.cee@cbp.example`);
  }
  if (change.phone != null) {
    columns.contactPhone = change.phone.trim();
    if (!PHONE.test(columns.contactPhone)) problems.add('phone', `'${change.phone}' is not a phone number like +1 562-555-0160`);
  }
  if (change.hours != null) columns.hours = text('hours', change.hours, 500);
  if (change.address) {
    columns.street = text('address.street', change.address.street, 200);
    columns.city = text('address.city', change.address.city, 100);
    columns.state = change.address.state.trim().toUpperCase();
    columns.postalCode = change.address.postalCode.trim();
    if (!/^[A-Z]{2}$/.test(columns.state)) problems.add('address.state', `'${change.address.state}' is not a two-letter state code like CA`);
    if (!/^\d{5}(-\d{4})?$/.test(columns.postalCode)) problems.add('address.postalCode', `'${change.address.postalCode}' is not a ZIP code like 90802 or 90802-1234`);
  }
  if (problems.ok && Object.keys(columns).length === 0) problems.add('input', 'give at least one of email, phone, hours, address');
  problems.throwIfAny();
  return columns;
}

/** A Center's public contact block and the audit log of the directory. */
export class CenterContactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly centers: CenterService,
  ) {}

  /** Corrects a Center's contact block (admins, or the Center's director), with its audit row. */
  async update(identity: Identity, centerId: string, change: CenterContactChange): Promise<CenterRow> {
    requireStaffKeeper(identity, centerId);
    await this.centers.get(centerId);
    const columns = contactColumns(change);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CenterRow);
      const row = (await repository.findOne({ where: { id: centerId }, lock: { mode: 'pessimistic_write' } }))!;
      const before = contactRecord(row);
      Object.assign(row, columns);
      await repository.update({ id: centerId }, columns);
      await recordDirectoryEvent(manager, identity, { type: 'CENTER_CONTACT_UPDATED', centerId, before, after: contactRecord(row) });
      return row;
    });
  }

  /** The audit log of a Center (its contact block and its people), newest first. */
  async eventsOf(centerId: string, first: number): Promise<DirectoryEventRow[]> {
    return this.dataSource.getRepository(DirectoryEventRow).find({ where: { centerId }, order: { id: 'DESC' }, take: first });
  }
}

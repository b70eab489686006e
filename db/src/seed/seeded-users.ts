/**
 * The people of the seed data who can sign in, without the entities or TypeORM
 * (`@cee-hub/db/seeded-users`): tests, drills and benchmarks make their tokens from them.
 */
import type { Identity } from '@cee-hub/common';
import { staffRows } from './centers.seed';
import { importerRows } from './importers.seed';

/** A seeded person as a sign-in picker lists them. */
export interface SeededUser {
  email: string;
  name: string;
  role: Identity['role'];
  /** Staff: their Center. Importers: the Center that processes their entry summaries, if any. */
  centerId: string | null;
}

/** Every seeded person: the admin first, then the staff of each Center, then the importers by name. */
export function seededUsers(): SeededUser[] {
  const staff = [...staffRows].sort((a, b) => Number(b.role === 'ADMIN') - Number(a.role === 'ADMIN') || (a.centerId ?? '').localeCompare(b.centerId ?? ''));
  const importers = [...importerRows].sort((a, b) => a.name.localeCompare(b.name));
  return [
    ...staff.map((row) => ({ email: row.email, name: row.name, role: row.role, centerId: row.centerId })),
    ...importers.map((row) => ({ email: row.contactEmail, name: row.name, role: 'IMPORTER' as const, centerId: row.participationCenterId })),
  ];
}

/** The identity a seeded user signs in with, as `npm run token` makes it (for tests, drills and benchmarks). */
export function seededIdentity(email: string): Identity {
  const staff = staffRows.find((row) => row.email === email);
  if (staff) return { role: staff.role, subject: staff.id, email, name: staff.name, centerId: staff.centerId ?? undefined };
  const importer = importerRows.find((row) => row.contactEmail === email);
  if (importer) return { role: 'IMPORTER', subject: importer.id, email, name: importer.name, importerId: importer.id };
  throw new Error(`no seeded user has the email ${email}`);
}

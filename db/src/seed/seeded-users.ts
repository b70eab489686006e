/**
 * The people of the seed data who can sign in, without the entities or TypeORM
 * (`@cee-hub/db/seeded-users`): tests, drills and benchmarks make their tokens from them.
 */
import type { Identity } from '@cee-hub/common';
import { type Actor, actorOfIdentity } from '@cee-hub/contracts';
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

/** A seeded person as a workflow records who acted: the identity without its name (see actorOfIdentity). */
export function seededActor(email: string): Actor {
  return actorOfIdentity(seededIdentity(email));
}

/** `email` as it is, once checked to be a seeded person's: a renamed seed row fails here, at load, not in a distant assertion. */
function seededEmail(email: string): string {
  if (!staffRows.some((row) => row.email === email) && !importerRows.some((row) => row.contactEmail === email)) {
    throw new Error(`no seeded user has the email ${email}`);
  }
  return email;
}

// The seeded people that tests, drills and benchmarks act as, named once here rather than retyped in every suite.
export const ADMIN_EMAIL = seededEmail('admin@cbp.example');
/** The second HQ admin: a port's adverse actions take two to sign off. */
export const SECOND_ADMIN_EMAIL = seededEmail('admin2@cbp.example');
export const ELECTRONICS_ENTRY_SPECIALIST_EMAIL = seededEmail('entry-specialist.electronics@cbp.example');
export const ELECTRONICS_IMPORT_SPECIALIST_EMAIL = seededEmail('import-specialist.electronics@cbp.example');
export const ELECTRONICS_SUPERVISOR_EMAIL = seededEmail('supervisor.electronics@cbp.example');
/** The second entry specialist and supervisor of Electronics: a colleague for every two-person rule. */
export const ELECTRONICS_SECOND_ENTRY_SPECIALIST_EMAIL = seededEmail('entry-specialist2.electronics@cbp.example');
export const ELECTRONICS_SECOND_SUPERVISOR_EMAIL = seededEmail('supervisor2.electronics@cbp.example');
export const PHARMA_ENTRY_SPECIALIST_EMAIL = seededEmail('entry-specialist.pharma@cbp.example');
export const PHARMA_SUPERVISOR_EMAIL = seededEmail('supervisor.pharma@cbp.example');
export const PHARMA_ACCOUNT_MANAGER_EMAIL = seededEmail('account-manager.pharma@cbp.example');
export const MACHINERY_ACCOUNT_MANAGER_EMAIL = seededEmail('account-manager.machinery@cbp.example');
/** Pacific Circuit Imports (participates at ELECTRONICS). */
export const PACIFIC_CIRCUIT_EMAIL = seededEmail('customs@pacific-circuit.example');
/** Rio Grande Machinery (does not participate: its port processes its summaries). */
export const RIO_GRANDE_EMAIL = seededEmail('imports@riogrande-machinery.example');

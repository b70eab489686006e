import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ActorEventRow } from './shared-columns';

export const CENTER_STATUSES = ['ACTIVE', 'PLANNED'] as const;
export type CenterStatus = (typeof CENTER_STATUSES)[number];

/** How sure the data is of a coverage range; the most specific basis wins a tie in the locator. */
export const COVERAGE_BASES = ['CONFIRMED', 'CHAPTER_LEVEL', 'REMAINDER'] as const;
export type CoverageBasis = (typeof COVERAGE_BASES)[number];

@Entity({ schema: 'centers', name: 'center' })
export class CenterRow {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'management_city', type: 'text' })
  managementCity: string;

  @Column({ type: 'varchar', length: 16 })
  status: CenterStatus;

  @Column({ name: 'opened_on', type: 'date', nullable: true })
  openedOn: string | null;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail: string;

  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone: string;

  @Column({ type: 'text' })
  street: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'varchar', length: 2 })
  state: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 10 })
  postalCode: string;

  @Column({ type: 'text' })
  hours: string;
}

/**
 * A range of HTS headings (inclusive) that a Center covers from `effectiveFrom` until the day
 * before `effectiveTo`. Coverage changes by closing a range and opening another, so the
 * history stays queryable (19 CFR 101.1: the sector lists change over time).
 */
@Entity({ schema: 'centers', name: 'coverage_range' })
export class CoverageRangeRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'center_id', type: 'varchar', length: 16 })
  centerId: string;

  @ManyToOne(() => CenterRow)
  @JoinColumn({ name: 'center_id' })
  center?: CenterRow;

  @Column({ name: 'first_heading', type: 'char', length: 4 })
  firstHeading: string;

  @Column({ name: 'last_heading', type: 'char', length: 4 })
  lastHeading: string;

  @Column({ type: 'varchar', length: 16 })
  basis: CoverageBasis;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}

export const STAFF_ROLES = ['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** CBP people: Center staff (with a Center) and HQ admins (role ADMIN, no Center). */
@Entity({ schema: 'centers', name: 'staff_member' })
export class StaffMemberRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  role: StaffRole | 'ADMIN';

  @Column({ name: 'center_id', type: 'varchar', length: 16, nullable: true })
  centerId: string | null;

  /** False once deactivated: the person leaves staff lists, sign-in and lookups; the row stays for the histories naming them. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ name: 'deactivation_reason', type: 'text', nullable: true })
  deactivationReason: string | null;
}

export const DIRECTORY_EVENT_TYPES = ['STAFF_ADDED', 'STAFF_ROLE_CHANGED', 'STAFF_DEACTIVATED', 'CENTER_CONTACT_UPDATED'] as const;
export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];

/** The audit log of the directory: who changed a person or a Center's contact block, when, and the record before and after. */
@Entity({ schema: 'centers', name: 'directory_event' })
export class DirectoryEventRow extends ActorEventRow<DirectoryEventType> {
  @Column({ name: 'center_id', type: 'varchar', length: 16, nullable: true })
  centerId: string | null;

  @Column({ name: 'staff_member_id', type: 'uuid', nullable: true })
  staffMemberId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** The entities of the centers schema, for that subgraph's DataSource. */
export const centersEntities = [CenterRow, CoverageRangeRow, StaffMemberRow, DirectoryEventRow];

import type { CenterProposalBasis, OnboardingEventType, OnboardingState, OnboardingStep } from '@cee-hub/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ActorEventRow, TimestampedRow } from './shared-columns';

export const CTPAT_TIERS = ['NONE', 'TIER_1', 'TIER_2', 'TIER_3'] as const;
export type CtpatTier = (typeof CTPAT_TIERS)[number];

export const PARTICIPATION_STATUSES = ['NOT_PARTICIPATING', 'PARTICIPATING', 'WITHDRAWN'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

export const IMPORTER_NUMBER_TYPES = ['IRS', 'SSN', 'CBP_ASSIGNED'] as const;
export type ImporterNumberType = (typeof IMPORTER_NUMBER_TYPES)[number];

@Entity({ schema: 'importers', name: 'importer' })
export class ImporterRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'importer_number', type: 'varchar', length: 16, unique: true })
  importerNumber: string;

  @Column({ name: 'importer_number_type', type: 'varchar', length: 16 })
  importerNumberType: ImporterNumberType;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  street: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'varchar', length: 3 })
  state: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 10 })
  postalCode: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ name: 'contact_email', type: 'text', unique: true })
  contactEmail: string;

  @Column({ name: 'ctpat_tier', type: 'varchar', length: 8 })
  ctpatTier: CtpatTier;

  @Column({ name: 'isa_member', type: 'boolean' })
  isaMember: boolean;

  @Column({ name: 'ace_account', type: 'boolean' })
  aceAccount: boolean;

  @Column({ name: 'participation_status', type: 'varchar', length: 24 })
  participationStatus: ParticipationStatus;

  @Column({ name: 'participation_center_id', type: 'varchar', length: 16, nullable: true })
  participationCenterId: string | null;

  @Column({ name: 'participating_since', type: 'date', nullable: true })
  participatingSince: string | null;

  /** The Center account manager it got when its application was approved. */
  @Column({ name: 'account_manager_id', type: 'uuid', nullable: true })
  accountManagerId: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}

/**
 * A Federal Register notice that opens volunteering for some Centers. Eligibility is data:
 * an importer qualifies through a listed C-TPAT tier or (where `isaQualifies`) ISA membership,
 * and must hold an ACE portal account where `aceAccountRequired`.
 */
@Entity({ schema: 'importers', name: 'federal_register_notice' })
export class FederalRegisterNoticeRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'text' })
  citation: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn: string;

  @Column({ name: 'opens_on', type: 'date' })
  opensOn: string;

  @Column({ name: 'closes_on', type: 'date', nullable: true })
  closesOn: string | null;

  @Column({ name: 'center_ids', type: 'text', array: true })
  centerIds: string[];

  @Column({ name: 'qualifying_ctpat_tiers', type: 'text', array: true })
  qualifyingCtpatTiers: CtpatTier[];

  @Column({ name: 'isa_qualifies', type: 'boolean' })
  isaQualifies: boolean;

  @Column({ name: 'ace_account_required', type: 'boolean' })
  aceAccountRequired: boolean;

  @Column({ name: 'eligibility_text', type: 'text' })
  eligibilityText: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/**
 * A volunteer application of an importer under a notice. The onboarding workflow records every
 * change of it (`version` orders them); the graph reads it from here, also after the workflow ended.
 */
@Entity({ schema: 'importers', name: 'onboarding' })
export class OnboardingRow extends TimestampedRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'importer_id', type: 'uuid' })
  importerId: string;

  @Column({ name: 'notice_id', type: 'varchar', length: 32 })
  noticeId: string;

  @Column({ name: 'chosen_center_id', type: 'varchar', length: 16 })
  chosenCenterId: string;

  @Column({ name: 'proposed_center_id', type: 'varchar', length: 16, nullable: true })
  proposedCenterId: string | null;

  /** The Center reviewing it now. */
  @Column({ name: 'center_id', type: 'varchar', length: 16, nullable: true })
  centerId: string | null;

  @Column({ type: 'varchar', length: 24 })
  state: OnboardingState;

  @Column({ type: 'varchar', length: 24 })
  step: OnboardingStep;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'text', array: true })
  reasons: string[];

  @Column({ name: 'proposal_basis', type: 'varchar', length: 16, nullable: true })
  proposalBasis: CenterProposalBasis | null;

  @Column({ name: 'proposal_note', type: 'text', nullable: true })
  proposalNote: string | null;

  @Column({ name: 'account_manager_id', type: 'uuid', nullable: true })
  accountManagerId: string | null;

  @Column({ type: 'text', nullable: true })
  question: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'review_due_at', type: 'timestamptz', nullable: true })
  reviewDueAt: Date | null;

  @Column({ name: 'escalates_at', type: 'timestamptz', nullable: true })
  escalatesAt: Date | null;

  @Column({ name: 'information_due_at', type: 'timestamptz', nullable: true })
  informationDueAt: Date | null;

  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ type: 'int' })
  version: number;
}

/** One entry of an application's history; `seq` (per application) makes recording idempotent. */
@Entity({ schema: 'importers', name: 'onboarding_event' })
export class OnboardingEventRow extends ActorEventRow<OnboardingEventType> {
  @Column({ name: 'onboarding_id', type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Documents of the application the step came with (the importer's answer's). */
  @Column({ name: 'document_ids', type: 'uuid', array: true, default: () => "'{}'" })
  documentIds: string[];
}

export const NOTICE_EVENT_TYPES = ['PUBLISHED', 'CLOSED'] as const;
export type NoticeEventType = (typeof NOTICE_EVENT_TYPES)[number];

/** The audit log of notices: who published or closed one, when, and the notice before and after. */
@Entity({ schema: 'importers', name: 'notice_event' })
export class NoticeEventRow extends ActorEventRow<NoticeEventType> {
  @Column({ name: 'notice_id', type: 'varchar', length: 32 })
  noticeId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** The entities of the importers schema, for that subgraph's DataSource. */
export const importersEntities = [ImporterRow, FederalRegisterNoticeRow, OnboardingRow, OnboardingEventRow, NoticeEventRow];

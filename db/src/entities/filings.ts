import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ActorEventRow, TimestampedRow } from './shared-columns';
import { numericTransformer } from './transformers';

/** Statuses of an entry summary; the review workflow adds transitions between them. */
export const FILING_STATUSES = ['FILED', 'UNDER_REVIEW', 'RETURNED', 'ACCEPTED', 'REJECTED', 'LIQUIDATED'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

@Entity({ schema: 'filings', name: 'entry_summary' })
export class EntrySummaryRow extends TimestampedRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Canonical form `ABC-1234567-6`. */
  @Column({ name: 'entry_number', type: 'varchar', length: 13, unique: true })
  entryNumber: string;

  @Column({ name: 'entry_type', type: 'char', length: 2 })
  entryType: string;

  @Column({ name: 'importer_id', type: 'uuid' })
  importerId: string;

  @Column({ name: 'port_of_entry', type: 'char', length: 4 })
  portOfEntry: string;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate: string;

  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  @Column({ type: 'varchar', length: 24 })
  status: FilingStatus;

  /** The Center that processes the summary; null when the port of entry processes it. */
  @Column({ name: 'processing_center_id', type: 'varchar', length: 16, nullable: true })
  processingCenterId: string | null;

  @Column({ name: 'total_entered_value', type: 'numeric', precision: 16, scale: 2, transformer: numericTransformer })
  totalEnteredValue: number;

  @Column({ name: 'total_duty', type: 'numeric', precision: 16, scale: 2, transformer: numericTransformer })
  totalDuty: number;

  @OneToMany(() => EntrySummaryLineRow, (line) => line.entrySummary, { cascade: ['insert'] })
  lines?: EntrySummaryLineRow[];
}

@Entity({ schema: 'filings', name: 'entry_summary_line' })
export class EntrySummaryLineRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'entry_summary_id', type: 'uuid' })
  entrySummaryId: string;

  @ManyToOne(() => EntrySummaryRow, (summary) => summary.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_summary_id' })
  entrySummary?: EntrySummaryRow;

  @Column({ name: 'line_number', type: 'int' })
  lineNumber: number;

  /** Ten digits, no dots. */
  @Column({ name: 'hts_number', type: 'char', length: 10 })
  htsNumber: string;

  @Column({ name: 'country_of_origin', type: 'char', length: 2 })
  countryOfOrigin: string;

  @Column({ name: 'entered_value', type: 'numeric', precision: 16, scale: 2, transformer: numericTransformer })
  enteredValue: number;

  /** Ad valorem rate in percent. */
  @Column({ name: 'duty_rate', type: 'numeric', precision: 7, scale: 3, transformer: numericTransformer })
  dutyRate: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, transformer: numericTransformer })
  duty: number;
}

/** The append-only log of what happened to a filing; `id` orders all events of all filings. */
@Entity({ schema: 'filings', name: 'filing_event' })
export class FilingEventRow extends ActorEventRow {
  @Column({ name: 'entry_summary_id', type: 'uuid' })
  entrySummaryId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: FilingStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: FilingStatus;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Documents the step came with: a CF-28 request's, the importer's answer's or response's. */
  @Column({ name: 'document_ids', type: 'uuid', array: true, default: () => "'{}'" })
  documentIds: string[];
}

/**
 * The review of an entry summary as its workflow last recorded it (one row per summary). The
 * workflow owns it: only the filings activities write it, each transition once (`lastSeq`).
 */
@Entity({ schema: 'filings', name: 'review' })
export class ReviewRow {
  @PrimaryColumn({ name: 'entry_summary_id', type: 'uuid' })
  entrySummaryId: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'varchar', length: 32 })
  step: string;

  @Column({ name: 'processing_center_id', type: 'varchar', length: 16, nullable: true })
  processingCenterId: string | null;

  @Column({ name: 'risk_score', type: 'int', nullable: true })
  riskScore: number | null;

  @Column({ name: 'risk_reasons', type: 'jsonb', default: () => "'[]'::jsonb" })
  riskReasons: string[];

  /** Staff id (else email) of the specialist working the step. */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_by_email', type: 'text', nullable: true })
  claimedByEmail: string | null;

  /** When the current staff step breaches its SLA. */
  @Column({ name: 'step_due_at', type: 'timestamptz', nullable: true })
  stepDueAt: Date | null;

  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  /** CF28 (request for information), CF29 (notice of action) or REJECTION. */
  @Column({ name: 'pending_kind', type: 'varchar', length: 16, nullable: true })
  pendingKind: string | null;

  @Column({ name: 'pending_details', type: 'text', nullable: true })
  pendingDetails: string | null;

  /** RATE, VALUE or CLASSIFICATION for a CF-29. */
  @Column({ name: 'pending_change_kind', type: 'varchar', length: 16, nullable: true })
  pendingChangeKind: string | null;

  @Column({ name: 'proposed_by', type: 'text', nullable: true })
  proposedBy: string | null;

  @Column({ name: 'proposed_by_email', type: 'text', nullable: true })
  proposedByEmail: string | null;

  @Column({ name: 'signed_off_by', type: 'text', nullable: true })
  signedOffBy: string | null;

  @Column({ name: 'signed_off_by_email', type: 'text', nullable: true })
  signedOffByEmail: string | null;

  @Column({ name: 'importer_response', type: 'text', nullable: true })
  importerResponse: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'response_due_at', type: 'timestamptz', nullable: true })
  responseDueAt: Date | null;

  @Column({ name: 'liquidation_date', type: 'date', nullable: true })
  liquidationDate: string | null;

  /** Decisions name the version they were made on; a stale one is refused. */
  @Column({ type: 'int', default: 0 })
  version: number;

  /** The last transition recorded: a retried activity with a sequence number at or below it writes nothing. */
  @Column({ name: 'last_seq', type: 'int', default: 0 })
  lastSeq: number;

  /** The workflow's whole review state (ReviewState of @cee-hub/contracts). */
  @Column({ type: 'jsonb' })
  state: Record<string, unknown>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The entities of the filings schema, for that subgraph's DataSource. */
export const filingsEntities = [EntrySummaryRow, EntrySummaryLineRow, FilingEventRow, ReviewRow];

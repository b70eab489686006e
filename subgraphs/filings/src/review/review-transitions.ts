import { CenterDirectory } from '@cee-hub/centers/read';
import type { EntrySummaryCorrection, ReviewFilingStatus, ReviewState } from '@cee-hub/contracts';
import { EntrySummaryLineRow, EntrySummaryRow, ReviewRow } from '@cee-hub/db';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { recordFilingEvent } from '../event-log/filing-event-log';
import { EntrySummaryRepository } from '../filing/entry-summary.repository';

/** One recorded step of a review: the state after it and the event that tells it. */
export interface ReviewTransition {
  state: ReviewState;
  event: {
    type: string;
    fromStatus: ReviewFilingStatus | null;
    actor: string;
    actorRole: string;
    note?: string | null;
    /** Documents of the filing the step came with (checked by the graph before the workflow got them). */
    documentIds?: string[];
  };
  /** A corrected filing to write with the transition (CORRECTED). */
  correction?: EntrySummaryCorrection;
  /** An SLA breach: the note names the supervisors (or, for port filings, the admins) it goes to. */
  escalate?: boolean;
}

export interface RecordedTransition {
  /** False when this transition had been recorded already (a retried activity). */
  applied: boolean;
  eventId: string | null;
}

/**
 * Writes the transitions of review workflows (only the filings activities call it): the
 * filing's status, its review row and its event, each transition once.
 */
export class ReviewTransitionStore {
  private readonly summaries: EntrySummaryRepository;
  private readonly centers: CenterDirectory;

  constructor(private readonly dataSource: DataSource) {
    this.summaries = new EntrySummaryRepository(dataSource);
    this.centers = new CenterDirectory(dataSource);
  }

  /**
   * Records one transition in one transaction. Keyed by the workflow's transition sequence
   * number: a retried activity whose transition was committed already writes nothing.
   */
  async record(transition: ReviewTransition): Promise<RecordedTransition> {
    const { state, event } = transition;
    return this.dataSource.transaction(async (manager) => {
      if (!(await claimSequence(manager, state))) return { applied: false, eventId: null };
      if (transition.correction) await this.writeCorrection(manager, state.entrySummaryId, transition.correction);
      const summary = await setStatus(manager, state);
      await manager.getRepository(ReviewRow).update({ entrySummaryId: state.entrySummaryId }, reviewColumns(state));
      const note = transition.escalate ? await this.escalationNote(manager, state, event.note) : event.note;
      const recorded = await recordFilingEvent(manager, { summary, ...event, toStatus: state.status, note });
      return { applied: true, eventId: recorded.id };
    });
  }

  /** Replaces the lines and the declared fields of a returned summary with the corrected ones. */
  private async writeCorrection(manager: EntityManager, entrySummaryId: string, correction: EntrySummaryCorrection): Promise<void> {
    const { entryType, entryDate, releaseDate, totalEnteredValue, totalDuty } = correction;
    await manager.getRepository(EntrySummaryRow).update({ id: entrySummaryId }, { entryType, entryDate, releaseDate, totalEnteredValue, totalDuty });
    await manager.getRepository(EntrySummaryLineRow).delete({ entrySummaryId });
    await this.summaries.insertLines(manager, entrySummaryId, correction.lines);
  }

  /** Who an SLA breach goes to: the Center's supervisors, or CBP admins for a port's filing. */
  private async escalationNote(manager: EntityManager, state: ReviewState, note: string | null | undefined): Promise<string> {
    const emails = await this.centers.supervisorEmails(state.centerId, manager);
    const to = state.centerId ? `the ${state.centerId} Center's supervisors` : 'CBP admins (the filing is processed by its port)';
    const list = emails.length ? emails.join(', ') : 'nobody is on record';
    return `${note ? `${note}; ` : ''}escalated to ${to}: ${list}`;
  }
}

/**
 * Creates the review row on the first transition and locks it; false when the transition's
 * sequence number was recorded already.
 */
async function claimSequence(manager: EntityManager, state: ReviewState): Promise<boolean> {
  const reviews = manager.getRepository(ReviewRow);
  await reviews
    .createQueryBuilder()
    .insert()
    .values({ entrySummaryId: state.entrySummaryId, workflowId: `review-${state.entryNumber}`, step: state.step, processingCenterId: state.centerId, state: stateColumn(state) })
    .orIgnore()
    .updateEntity(false)
    .execute();
  const review = await reviews
    .createQueryBuilder('r')
    .select(['r.entrySummaryId', 'r.lastSeq'])
    .where('r.entry_summary_id = :id', { id: state.entrySummaryId })
    .setLock('pessimistic_write')
    .getOne();
  return review!.lastSeq < state.seq;
}

/** Sets the filing's status and returns what decides who may see its event. */
async function setStatus(manager: EntityManager, state: ReviewState): Promise<{ id: string; importerId: string; processingCenterId: string | null }> {
  const result = await manager
    .createQueryBuilder()
    .update(EntrySummaryRow)
    .set({ status: state.status })
    .where('id = :id', { id: state.entrySummaryId })
    .returning('id, importer_id, processing_center_id')
    .updateEntity(false)
    .execute();
  const [row] = result.raw as Array<{ id: string; importer_id: string; processing_center_id: string | null }>;
  if (!row) throw new Error(`entry summary ${state.entrySummaryId} does not exist`);
  return { id: row.id, importerId: row.importer_id, processingCenterId: row.processing_center_id };
}

/** The jsonb column holds the whole state; TypeORM's update types cannot follow an open record into it. */
function stateColumn(state: ReviewState): QueryDeepPartialEntity<ReviewRow['state']> {
  return state as unknown as QueryDeepPartialEntity<ReviewRow['state']>;
}

/** The columns the queues filter and sort on, and the whole state. */
function reviewColumns(state: ReviewState): QueryDeepPartialEntity<ReviewRow> {
  const pending = state.pending;
  return {
    step: state.step,
    processingCenterId: state.centerId,
    riskScore: state.risk?.score ?? null,
    riskReasons: state.risk?.reasons ?? [],
    claimedBy: state.claimedBy?.id ?? null,
    claimedByEmail: state.claimedBy?.email ?? null,
    stepDueAt: state.stepDueAt ? new Date(state.stepDueAt) : null,
    escalated: state.escalated,
    pendingKind: pending?.kind ?? null,
    pendingDetails: pending?.details ?? null,
    pendingChangeKind: pending?.changeKind ?? null,
    proposedBy: pending?.proposedBy.id ?? null,
    proposedByEmail: pending?.proposedBy.email ?? null,
    signedOffBy: pending?.signedOffBy?.id ?? null,
    signedOffByEmail: pending?.signedOffBy?.email ?? null,
    importerResponse: pending?.response ?? null,
    respondedAt: pending?.respondedAt ? new Date(pending.respondedAt) : null,
    responseDueAt: state.responseDueAt ? new Date(state.responseDueAt) : null,
    liquidationDate: state.liquidationDate,
    version: state.version,
    lastSeq: state.seq,
    state: stateColumn(state),
  };
}

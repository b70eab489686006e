import type {
  EntrySummaryCorrection,
  ReviewFilingStatus,
  ReviewState,
  RiskAssessment,
} from '@cee-hub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { recordFilingEvent } from './services/filing-events';

/** A total entered value above this draws a look (U.S. dollars). */
export const HIGH_VALUE_THRESHOLD = 250_000;
/** Scores at or above this go to an entry specialist; below it the summary is accepted automatically. */
export const REVIEW_RISK_THRESHOLD = 30;
/** An importer with fewer earlier filings than this is new to CBP: its filings are looked at. */
export const FIRST_FILINGS = 2;
/** Entry types of antidumping / countervailing duty entries. */
export const AD_CVD_ENTRY_TYPES = ['03', '07'];
/**
 * HTS headings with frequent AD/CVD orders, quotas or safety concerns. Kept short and in code
 * for now: a targeting list maintained by CBP would replace it.
 */
export const SENSITIVE_HEADINGS: Record<string, string> = {
  '0306': 'crustaceans (shrimp AD orders)',
  '1701': 'cane or beet sugar (tariff-rate quota)',
  '2009': 'fruit juices (AD orders)',
  '4412': 'plywood (AD/CVD orders)',
  '7208': 'hot-rolled flat steel (AD/CVD orders)',
  '7209': 'cold-rolled flat steel (AD/CVD orders)',
  '7210': 'coated flat steel (AD/CVD orders)',
  '7306': 'steel tubes and pipes (AD/CVD orders)',
  '7604': 'aluminum extrusions (AD/CVD orders)',
  '8541': 'solar cells (AD/CVD orders)',
  '9304': 'arms (licensing)',
};

/** One recorded step of a review: the state after it and the event that tells it. */
export interface ReviewTransition {
  state: ReviewState;
  event: {
    type: string;
    fromStatus: ReviewFilingStatus | null;
    actor: string;
    actorRole: string;
    note?: string | null;
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

function sampleRate(): number {
  const value = Number(process.env.REVIEW_RANDOM_SAMPLE_RATE ?? '0.02');
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0.02;
}

/**
 * The filings domain's Temporal activities: all I/O of the review workflow that touches this
 * domain's tables. Registered by the worker in workflows/.
 */
export function createReviewActivities(dataSource: DataSource) {
  const randomSampleRate = sampleRate();

  return {
    /**
     * Scores the risk of an entry summary from what it declares and the importer's history.
     * The random compliance sample is drawn here, never in workflow code: the result is
     * recorded in the workflow history, so a replay sees the same draw.
     */
    async scoreEntrySummaryRisk(entrySummaryId: string): Promise<RiskAssessment> {
      const [summary]: Array<{ entryType: string; importerId: string; total: number; filedAt: Date }> = await dataSource.query(
        `SELECT entry_type AS "entryType", importer_id AS "importerId", total_entered_value::float8 AS total, filed_at AS "filedAt"
           FROM filings.entry_summary WHERE id = $1`,
        [entrySummaryId],
      );
      if (!summary) throw new Error(`entry summary ${entrySummaryId} does not exist (yet)`);
      const [{ earlier }]: Array<{ earlier: number }> = await dataSource.query(
        `SELECT count(*)::int AS earlier FROM filings.entry_summary WHERE importer_id = $1 AND id <> $2 AND filed_at <= $3`,
        [summary.importerId, entrySummaryId, summary.filedAt],
      );
      const headings: Array<{ heading: string }> = await dataSource.query(
        `SELECT DISTINCT substr(hts_number, 1, 4) AS heading FROM filings.entry_summary_line WHERE entry_summary_id = $1 ORDER BY 1`,
        [entrySummaryId],
      );
      let score = 0;
      const reasons: string[] = [];
      if (summary.total > HIGH_VALUE_THRESHOLD) {
        score += 40;
        reasons.push(`total entered value ${summary.total.toFixed(2)} USD is above ${HIGH_VALUE_THRESHOLD} USD`);
      }
      if (AD_CVD_ENTRY_TYPES.includes(summary.entryType)) {
        score += 50;
        reasons.push(`entry type ${summary.entryType} is an antidumping/countervailing duty entry`);
      }
      if (earlier < FIRST_FILINGS) {
        score += 30;
        reasons.push(`one of the importer's first ${FIRST_FILINGS} filings (${earlier} earlier)`);
      }
      for (const { heading } of headings) {
        const why = SENSITIVE_HEADINGS[heading];
        if (why) {
          score += 40;
          reasons.push(`sensitive heading ${heading}: ${why}`);
        }
      }
      if (Math.random() < randomSampleRate) {
        score += 100;
        reasons.push('drawn for the random compliance sample');
      }
      return { score, reasons, lowRisk: score < REVIEW_RISK_THRESHOLD };
    },

    /**
     * Records one transition of a review in one transaction: the filing's status, its review
     * row and its event (with pg_notify). Keyed by the workflow's transition sequence number: a
     * retried activity whose transition was committed already writes nothing.
     */
    async recordReviewTransition(transition: ReviewTransition): Promise<RecordedTransition> {
      const { state, event } = transition;
      return dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO filings.review (entry_summary_id, workflow_id, step, processing_center_id, state)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (entry_summary_id) DO NOTHING`,
          [state.entrySummaryId, `review-${state.entryNumber}`, state.step, state.centerId, JSON.stringify(state)],
        );
        const [review]: Array<{ lastSeq: number }> = await manager.query(
          `SELECT last_seq AS "lastSeq" FROM filings.review WHERE entry_summary_id = $1 FOR UPDATE`,
          [state.entrySummaryId],
        );
        if (review!.lastSeq >= state.seq) return { applied: false, eventId: null };

        if (transition.correction) await writeCorrection(manager, state.entrySummaryId, transition.correction);
        const [summary]: Array<{ id: string; importerId: string; processingCenterId: string | null }> = await manager.query(
          // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
          `WITH changed AS (UPDATE filings.entry_summary SET status = $2, updated_at = now() WHERE id = $1
             RETURNING id, importer_id AS "importerId", processing_center_id AS "processingCenterId")
           SELECT * FROM changed`,
          [state.entrySummaryId, state.status],
        );
        if (!summary) throw new Error(`entry summary ${state.entrySummaryId} does not exist`);
        await writeReview(manager, state);
        const note = transition.escalate ? await escalationNote(manager, state, event.note) : event.note;
        const recorded = await recordFilingEvent(manager, {
          summary,
          type: event.type,
          fromStatus: event.fromStatus,
          toStatus: state.status,
          actor: event.actor,
          actorRole: event.actorRole,
          note,
        });
        return { applied: true, eventId: recorded.id };
      });
    },
  };
}

export type ReviewActivities = ReturnType<typeof createReviewActivities>;

async function writeReview(manager: EntityManager, state: ReviewState): Promise<void> {
  const pending = state.pending;
  await manager.query(
    `UPDATE filings.review SET step = $2, processing_center_id = $3, risk_score = $4, risk_reasons = $5, claimed_by = $6, claimed_by_email = $7,
            step_due_at = $8, escalated = $9, pending_kind = $10, pending_details = $11, pending_change_kind = $12, proposed_by = $13,
            proposed_by_email = $14, signed_off_by = $15, signed_off_by_email = $16, importer_response = $17, responded_at = $18,
            response_due_at = $19, liquidation_date = $20, version = $21, last_seq = $22, state = $23, updated_at = now()
      WHERE entry_summary_id = $1`,
    [
      state.entrySummaryId,
      state.step,
      state.centerId,
      state.risk?.score ?? null,
      JSON.stringify(state.risk?.reasons ?? []),
      state.claimedBy?.id ?? null,
      state.claimedBy?.email ?? null,
      state.stepDueAt,
      state.escalated,
      pending?.kind ?? null,
      pending?.details ?? null,
      pending?.changeKind ?? null,
      pending?.proposedBy.id ?? null,
      pending?.proposedBy.email ?? null,
      pending?.signedOffBy?.id ?? null,
      pending?.signedOffBy?.email ?? null,
      pending?.response ?? null,
      pending?.respondedAt ?? null,
      state.responseDueAt,
      state.liquidationDate,
      state.version,
      state.seq,
      JSON.stringify(state),
    ],
  );
}

/** Replaces the lines and the declared fields of a returned summary with the corrected ones. */
async function writeCorrection(manager: EntityManager, entrySummaryId: string, correction: EntrySummaryCorrection): Promise<void> {
  await manager.query(
    `UPDATE filings.entry_summary SET entry_type = $2, entry_date = $3, release_date = $4, total_entered_value = $5, total_duty = $6 WHERE id = $1`,
    [entrySummaryId, correction.entryType, correction.entryDate, correction.releaseDate, correction.totalEnteredValue, correction.totalDuty],
  );
  await manager.query(`DELETE FROM filings.entry_summary_line WHERE entry_summary_id = $1`, [entrySummaryId]);
  const lines = correction.lines;
  await manager.query(
    `INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[])`,
    [
      entrySummaryId,
      lines.map((line) => line.lineNumber),
      lines.map((line) => line.htsNumber),
      lines.map((line) => line.countryOfOrigin),
      lines.map((line) => line.enteredValue),
      lines.map((line) => line.dutyRate),
      lines.map((line) => line.duty),
    ],
  );
}

/** Who an SLA breach goes to: the Center's supervisors, or CBP admins for a port's filing. */
async function escalationNote(manager: EntityManager, state: ReviewState, note: string | null | undefined): Promise<string> {
  const people: Array<{ email: string }> = state.centerId
    ? await manager.query(`SELECT email FROM centers.staff_member WHERE center_id = $1 AND role = 'SUPERVISOR' ORDER BY email`, [state.centerId])
    : await manager.query(`SELECT email FROM centers.staff_member WHERE role = 'ADMIN' ORDER BY email`);
  const to = state.centerId ? `the ${state.centerId} Center's supervisors` : 'CBP admins (the filing is processed by its port)';
  const list = people.length ? people.map((person) => person.email).join(', ') : 'nobody is on record';
  return `${note ? `${note}; ` : ''}escalated to ${to}: ${list}`;
}

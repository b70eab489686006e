import type { OnboardingEventRecord, OnboardingSnapshot } from '@cee-hub/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Records one change of an application and its history entry in the caller's transaction.
 * Idempotent: a snapshot older than (or as old as) the stored one changes nothing, and an
 * event already recorded under its `seq` is not written twice, so activities may be retried
 * and the subgraph and the workflow may both record the first state.
 */
export async function recordOnboardingChange(manager: EntityManager, snapshot: OnboardingSnapshot, event: OnboardingEventRecord): Promise<void> {
  await manager.query(
    `INSERT INTO importers.onboarding (id, importer_id, notice_id, chosen_center_id, proposed_center_id, center_id, state, step, workflow_id,
        reasons, proposal_basis, proposal_note, account_manager_id, question, answer, decision_note, review_due_at, escalates_at,
        information_due_at, effective_date, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, now())
     ON CONFLICT (id) DO UPDATE SET
        proposed_center_id = EXCLUDED.proposed_center_id, center_id = EXCLUDED.center_id, state = EXCLUDED.state, step = EXCLUDED.step,
        reasons = EXCLUDED.reasons, proposal_basis = EXCLUDED.proposal_basis, proposal_note = EXCLUDED.proposal_note,
        account_manager_id = EXCLUDED.account_manager_id, question = EXCLUDED.question, answer = EXCLUDED.answer,
        decision_note = EXCLUDED.decision_note, review_due_at = EXCLUDED.review_due_at, escalates_at = EXCLUDED.escalates_at,
        information_due_at = EXCLUDED.information_due_at, effective_date = EXCLUDED.effective_date, version = EXCLUDED.version,
        updated_at = now()
      WHERE importers.onboarding.version < EXCLUDED.version`,
    [
      snapshot.id,
      snapshot.importerId,
      snapshot.noticeId,
      snapshot.chosenCenterId,
      snapshot.proposedCenterId,
      snapshot.centerId,
      snapshot.state,
      snapshot.step,
      snapshot.workflowId,
      snapshot.reasons,
      snapshot.proposalBasis,
      snapshot.proposalNote,
      snapshot.accountManagerId,
      snapshot.question,
      snapshot.answer,
      snapshot.decisionNote,
      snapshot.reviewDueAt,
      snapshot.escalatesAt,
      snapshot.informationDueAt,
      snapshot.effectiveDate,
      snapshot.version,
      snapshot.appliedAt,
    ],
  );
  await manager.query(
    `INSERT INTO importers.onboarding_event (onboarding_id, seq, type, actor, actor_role, note, at, document_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[]) ON CONFLICT (onboarding_id, seq) DO NOTHING`,
    [snapshot.id, event.seq, event.type, event.actor, event.actorRole, event.note, event.at, event.documentIds ?? []],
  );
}

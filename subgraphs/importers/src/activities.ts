import { CoverageService } from '@cee-hub/centers/coverage';
import {
  type CenterProposalBasis,
  type OnboardingEventRecord,
  type OnboardingSnapshot,
  OPEN_ONBOARDING_STATES,
} from '@cee-hub/contracts';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { volunteeringProblems } from './services/notice.service';
import { recordOnboardingChange } from './services/onboarding.store';

export interface EligibilityInput {
  onboardingId: string;
  importerId: string;
  noticeId: string;
  centerId: string;
  /** YYYY-MM-DD, the workflow's today. */
  asOf: string;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Every reason the importer is not eligible, for the importer to read. */
  reasons: string[];
  /** The Centers the notice opens (an admin may reassign among them). */
  noticeCenterIds: string[];
}

export interface CenterProposal {
  centerId: string;
  basis: CenterProposalBasis;
  note: string;
}

export interface StaffContact {
  id: string;
  name: string;
  email: string;
}

export interface CenterContacts {
  accountManager: StaffContact | null;
  director: StaffContact | null;
}

export interface RecordChangeInput {
  snapshot: OnboardingSnapshot;
  event: OnboardingEventRecord;
}

const money = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface ImporterStanding {
  ctpatTier: string;
  isaMember: boolean;
  aceAccount: boolean;
  participationStatus: string;
  participationCenterId: string | null;
}

interface NoticeTerms {
  citation: string;
  opensOn: string;
  closesOn: string | null;
  centerIds: string[];
  qualifyingCtpatTiers: string[];
  isaQualifies: boolean;
  aceAccountRequired: boolean;
}

/** Why the importer does not qualify under the notice's terms (C-TPAT, ISA, ACE, participation). */
function standingProblems(importer: ImporterStanding, notice: NoticeTerms): string[] {
  const reasons: string[] = [];
  const tierQualifies = notice.qualifyingCtpatTiers.includes(importer.ctpatTier);
  const isaQualifies = notice.isaQualifies && importer.isaMember;
  if (!tierQualifies && !isaQualifies) {
    const tier = importer.ctpatTier === 'NONE' ? 'The importer is not a C-TPAT partner' : `C-TPAT ${importer.ctpatTier.replace('_', ' ').toLowerCase()} does not qualify`;
    const takes = `${notice.qualifyingCtpatTiers.map((t: string) => t.replace('_', ' ').toLowerCase()).join(' or ')}${notice.isaQualifies ? ', or ISA membership' : ''}`;
    reasons.push(`${tier}: the notice requires C-TPAT ${takes}`);
  }
  if (notice.aceAccountRequired && !importer.aceAccount) reasons.push('The notice requires an ACE portal account and the importer has none');
  if (importer.participationStatus === 'PARTICIPATING') {
    reasons.push(`The importer participates in the ${importer.participationCenterId} Center already`);
  }
  return reasons;
}

/** Checks the importer against the notice's eligibility, as data; lists every failing reason. */
async function checkOnboardingEligibility(dataSource: DataSource, input: EligibilityInput): Promise<EligibilityResult> {
  const [importer]: ImporterStanding[] = await dataSource.query(
    `SELECT ctpat_tier AS "ctpatTier", isa_member AS "isaMember", ace_account AS "aceAccount",
            participation_status AS "participationStatus", participation_center_id AS "participationCenterId"
       FROM importers.importer WHERE id = $1`,
    [input.importerId],
  );
  const [notice]: NoticeTerms[] = await dataSource.query(
    `SELECT citation, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
            center_ids AS "centerIds", qualifying_ctpat_tiers AS "qualifyingCtpatTiers", isa_qualifies AS "isaQualifies",
            ace_account_required AS "aceAccountRequired"
       FROM importers.federal_register_notice WHERE id = $1`,
    [input.noticeId],
  );
  const reasons: string[] = [];
  if (!importer) reasons.push(`No importer is registered with id ${input.importerId}`);
  if (!notice) reasons.push(`There is no notice ${input.noticeId}`);
  if (!importer || !notice) return { eligible: false, reasons, noticeCenterIds: notice?.centerIds ?? [] };

  for (const problem of volunteeringProblems(notice, input.centerId, input.asOf)) reasons.push(problem.message);
  reasons.push(...standingProblems(importer, notice));
  const [other] = await dataSource.query(
    `SELECT id FROM importers.onboarding WHERE importer_id = $1 AND id <> $2 AND state = ANY($3) LIMIT 1`,
    [input.importerId, input.onboardingId, OPEN_ONBOARDING_STATES],
  );
  if (other) reasons.push('The importer has another application in progress');
  return { eligible: reasons.length === 0, reasons, noticeCenterIds: notice.centerIds };
}

export interface ProposalInput {
  importerId: string;
  chosenCenterId: string;
  noticeCenterIds: string[];
  asOf: string;
}

/**
 * Proposes the Center of the predominant part of the importer's imports by entered value
 * (CBP's practice), from its filed lines and the coverage on `asOf`; the Center it chose
 * when it has no history, or when its predominant Center is not open under the notice.
 */
async function proposeOnboardingCenter(dataSource: DataSource, coverage: CoverageService, input: ProposalInput): Promise<CenterProposal> {
  const lines: Array<{ htsNumber: string; value: number }> = await dataSource.query(
    `SELECT l.hts_number AS "htsNumber", sum(l.entered_value)::float8 AS value
       FROM filings.entry_summary_line l JOIN filings.entry_summary s ON s.id = l.entry_summary_id
      WHERE s.importer_id = $1 GROUP BY l.hts_number ORDER BY l.hts_number`,
    [input.importerId],
  );
  if (lines.length === 0) {
    return { centerId: input.chosenCenterId, basis: 'CHOSEN', note: `No filed lines yet: proposed the Center the importer chose, ${input.chosenCenterId}` };
  }
  const located = await coverage.locate(lines.map((line) => line.htsNumber), input.asOf);
  const byCenter = new Map<string, number>();
  let total = 0;
  located.forEach((line, index) => {
    const value = lines[index]!.value;
    total += value;
    if (line.range) byCenter.set(line.range.centerId, (byCenter.get(line.range.centerId) ?? 0) + value);
  });
  // Highest value wins; a tie goes to the Center the importer chose, then by id for stability.
  const ranked = [...byCenter.entries()].sort(
    ([a, x], [b, y]) => y - x || Number(b === input.chosenCenterId) - Number(a === input.chosenCenterId) || a.localeCompare(b),
  );
  const top = ranked[0];
  if (!top) {
    return { centerId: input.chosenCenterId, basis: 'CHOSEN', note: `No Center covers the importer's filed lines: proposed the Center it chose, ${input.chosenCenterId}` };
  }
  const [centerId, value] = top;
  const share = `USD ${money(value)} of ${money(total)} entered value`;
  if (!input.noticeCenterIds.includes(centerId)) {
    return {
      centerId: input.chosenCenterId,
      basis: 'CHOSEN',
      note: `The predominant Center by filed lines, ${centerId} (${share}), is not open under the notice: proposed the Center the importer chose, ${input.chosenCenterId}`,
    };
  }
  return { centerId, basis: 'FILED_LINES', note: `Predominant Center by filed lines: ${centerId} (${share})` };
}

/** The Center's active account manager and director, who review and are escalated to (a deactivated person gets no new work). */
async function findOnboardingContacts(dataSource: DataSource, input: { centerId: string }): Promise<CenterContacts> {
  const rows: Array<StaffContact & { role: string }> = await dataSource.query(
    `SELECT id, name, email, role FROM centers.staff_member
      WHERE center_id = $1 AND role IN ('ACCOUNT_MANAGER', 'CENTER_DIRECTOR') AND active ORDER BY email, id`,
    [input.centerId],
  );
  const pick = (role: string) => {
    const row = rows.find((r) => r.role === role);
    return row ? { id: row.id, name: row.name, email: row.email } : null;
  };
  return { accountManager: pick('ACCOUNT_MANAGER'), director: pick('CENTER_DIRECTOR') };
}

/**
 * Records the approval and makes the importer PARTICIPATING in the Center from the effective
 * date, with its account manager, in one transaction.
 */
async function approveOnboarding(dataSource: DataSource, input: RecordChangeInput): Promise<void> {
  const { snapshot } = input;
  if (!snapshot.centerId || !snapshot.effectiveDate) {
    throw ApplicationFailure.create({ type: 'BAD_USER_INPUT', message: 'An approval needs a Center and an effective date', nonRetryable: true });
  }
  await dataSource.transaction(async (manager) => {
    await recordOnboardingChange(manager, snapshot, input.event);
    const updated = await manager.query(
      `UPDATE importers.importer
          SET participation_status = 'PARTICIPATING', participation_center_id = $2, participating_since = $3, account_manager_id = $4
        WHERE id = $1 RETURNING id`,
      [snapshot.importerId, snapshot.centerId, snapshot.effectiveDate, snapshot.accountManagerId],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const rows: unknown[] = Array.isArray(updated[0]) ? updated[0] : updated;
    if (rows.length === 0) {
      throw ApplicationFailure.create({ type: 'NOT_FOUND', message: `No importer is registered with id ${snapshot.importerId}`, nonRetryable: true });
    }
  });
}

/**
 * The importers domain's Temporal activities: all I/O of the onboarding workflow that touches this
 * domain's tables. Registered by the worker in workflows/; their names are the activity types in
 * the workflows' histories. Each is safe to retry.
 */
export function createOnboardingActivities(dataSource: DataSource) {
  const coverage = new CoverageService(dataSource);
  return {
    checkOnboardingEligibility: (input: EligibilityInput) => checkOnboardingEligibility(dataSource, input),
    proposeOnboardingCenter: (input: ProposalInput) => proposeOnboardingCenter(dataSource, coverage, input),
    findOnboardingContacts: (input: { centerId: string }) => findOnboardingContacts(dataSource, input),
    /** Records a change of the application and its history entry, together. */
    recordOnboardingChange: async (input: RecordChangeInput): Promise<void> => {
      await dataSource.transaction((manager) => recordOnboardingChange(manager, input.snapshot, input.event));
    },
    approveOnboarding: (input: RecordChangeInput) => approveOnboarding(dataSource, input),
  };
}

export type OnboardingActivities = ReturnType<typeof createOnboardingActivities>;

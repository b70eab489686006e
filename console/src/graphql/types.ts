/**
 * The shapes the console selects from the graph (gateway/supergraph.graphql), by hand: the
 * console reads a small part of the schema, and these name exactly what its documents ask for.
 */

export type FilingStatus = 'FILED' | 'UNDER_REVIEW' | 'RETURNED' | 'ACCEPTED' | 'REJECTED' | 'LIQUIDATED';
export const FILING_STATUSES: readonly FilingStatus[] = ['FILED', 'UNDER_REVIEW', 'RETURNED', 'ACCEPTED', 'REJECTED', 'LIQUIDATED'];

export type ReviewStep =
  | 'RISK'
  | 'ENTRY_REVIEW'
  | 'IMPORT_REVIEW'
  /** What the trade sees for the staff steps (ENTRY_REVIEW, IMPORT_REVIEW, SIGN_OFF). */
  | 'CBP_REVIEW'
  | 'AWAITING_INFORMATION'
  | 'SIGN_OFF'
  | 'AWAITING_NOTICE_RESPONSE'
  | 'RETURNED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'LIQUIDATED';

export type ReviewAction =
  | 'CLAIM'
  | 'ACCEPT'
  | 'REFER_TO_IMPORT_SPECIALIST'
  | 'RETURN_TO_FILER'
  | 'REQUEST_INFORMATION'
  | 'PROPOSE_NOTICE_OF_ACTION'
  | 'ACCEPT_WITH_CHANGE'
  | 'REJECT'
  | 'SIGN_OFF'
  | 'DECLINE_SIGN_OFF'
  | 'ANSWER_REQUEST_FOR_INFORMATION'
  | 'RESPOND_TO_NOTICE_OF_ACTION'
  | 'CORRECT';

export type ReviewQueueRole = 'ENTRY_SPECIALIST' | 'IMPORT_SPECIALIST' | 'SUPERVISOR';
export const REVIEW_QUEUE_ROLES: readonly ReviewQueueRole[] = ['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR'];

export type NoticeOfActionKind = 'RATE' | 'VALUE' | 'CLASSIFICATION';

export type OnboardingState = 'APPLIED' | 'INELIGIBLE' | 'AWAITING_REVIEW' | 'AWAITING_IMPORTER' | 'APPROVED' | 'REJECTED' | 'LAPSED' | 'WITHDRAWN';
export type OnboardingAction = 'APPROVE' | 'REJECT' | 'ASK_FOR_INFORMATION' | 'REASSIGN' | 'ANSWER' | 'WITHDRAW';

export interface CenterRef {
  id: string;
  name: string;
}

export interface Address {
  street: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface CoverageRange {
  id: string;
  firstHeading: string;
  lastHeading: string;
  basis: 'CONFIRMED' | 'CHAPTER_LEVEL' | 'REMAINDER';
  source: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

export interface Center extends CenterRef {
  managementCity: string;
  status: 'ACTIVE' | 'PLANNED';
  openedOn: string | null;
  contact: { email: string; phone: string; hours: string; address: Address };
}

export interface NoticeEligibility {
  qualifyingCtpatTiers: string[];
  isaQualifies: boolean;
  aceAccountRequired: boolean;
  description: string;
}

export interface FederalRegisterNotice {
  id: string;
  citation: string;
  title: string;
  publishedOn: string;
  opensOn: string;
  closesOn: string | null;
  isOpen: boolean;
  note: string | null;
  centers: CenterRef[];
  eligibility: NoticeEligibility;
}

export interface LocatedLine {
  input: string;
  htsNumber: string | null;
  value: number | null;
  problem: string | null;
  center: (CenterRef & { managementCity: string }) | null;
  coverage: CoverageRange | null;
}

export interface CenterLocation {
  asOf: string;
  lines: LocatedLine[];
  predominantCenter: {
    measure: 'VALUE' | 'COUNT';
    amount: number;
    center: CenterRef & { managementCity: string; contact: { email: string; phone: string } };
  } | null;
}

export interface ReviewParticipant {
  id: string;
  email: string | null;
  role: string;
}

export interface ReviewSummary {
  step: ReviewStep;
  /** Null for the trade, like escalated and claimedBy: CBP's own bookkeeping. */
  version: number | null;
  stepDueAt: string | null;
  escalated: boolean | null;
  responseDueAt: string | null;
  claimedBy: ReviewParticipant | null;
  risk: { score: number; lowRisk: boolean; reasons?: string[] } | null;
}

export interface FilingRow {
  id: string;
  entryNumber: string;
  status: FilingStatus;
  filedAt: string;
  entryDate: string;
  totalEnteredValue: number;
  totalDuty: number;
  importer: { id: string; name: string } | null;
  processingCenter: CenterRef | null;
  review: ReviewSummary | null;
}

export interface FilingEvent {
  id: string;
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  actor: string;
  actorRole: string;
  note: string | null;
  occurredAt: string;
}

export interface EntrySummaryLine {
  lineNumber: number;
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
  duty: number;
}

export interface PendingReviewAction {
  kind: 'CF28' | 'CF29' | 'REJECTION';
  details: string;
  changeKind: NoticeOfActionKind | null;
  proposedBy: ReviewParticipant;
  signedOffBy: ReviewParticipant | null;
  response: string | null;
  respondedAt: string | null;
}

export interface FilingDetail extends Omit<FilingRow, 'review' | 'importer'> {
  entryType: string;
  entryTypeDescription: string;
  filerCode: string;
  portOfEntry: string;
  releaseDate: string | null;
  processingLocation: { kind: 'CENTER' | 'PORT'; port: string | null; center: CenterRef | null };
  importer: { id: string; name: string; importerNumber: string; contactEmail: string } | null;
  lines: EntrySummaryLine[];
  events: FilingEvent[];
  review:
    | (ReviewSummary & {
        /** Null for the trade. */
        workflowId: string | null;
        risk: { score: number; lowRisk: boolean; reasons: string[] } | null;
        pendingAction: PendingReviewAction | null;
        liquidationDate: string | null;
        updatedAt: string;
        availableActions: ReviewAction[];
      })
    | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface FilingUpdate {
  id: string;
  type: string;
  toStatus: FilingStatus;
  actor: string;
  occurredAt: string;
  note: string | null;
  filing: { id: string; entryNumber: string; status: FilingStatus };
}

export interface StaffContact {
  id: string;
  name: string;
  email: string;
}

export interface OnboardingEvent {
  id: string;
  type: string;
  actor: string;
  actorRole: string;
  note: string | null;
  at: string;
}

export interface Onboarding {
  id: string;
  state: OnboardingState;
  step: string;
  createdAt: string;
  updatedAt: string;
  notice: { id: string; citation: string; title: string; centers: CenterRef[] };
  chosenCenter: CenterRef;
  proposedCenter: CenterRef | null;
  center: CenterRef | null;
  proposalBasis: string | null;
  proposalNote: string | null;
  reasons: string[];
  question: string | null;
  answer: string | null;
  decisionNote: string | null;
  reviewDueAt: string | null;
  escalatesAt: string | null;
  informationDueAt: string | null;
  effectiveDate: string | null;
  availableActions: OnboardingAction[];
  accountManager: StaffContact | null;
  events: OnboardingEvent[];
}

export interface BoardOnboarding extends Onboarding {
  importer: { id: string; name: string; importerNumber: string; ctpatTier: string; isaMember: boolean; aceAccount: boolean };
}

export interface Participation {
  status: 'NOT_PARTICIPATING' | 'PARTICIPATING' | 'WITHDRAWN';
  since: string | null;
  center: CenterRef | null;
  accountManager: StaffContact | null;
}

export interface MyImporter {
  id: string;
  name: string;
  importerNumber: string;
  contactEmail: string;
  ctpatTier: string;
  isaMember: boolean;
  aceAccount: boolean;
  participation: Participation;
  onboarding: Onboarding | null;
}

import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  BoardOnboarding,
  Center,
  CenterLocation,
  CoverageRange,
  FederalRegisterNotice,
  FilingDetail,
  FilingRow,
  FilingStatus,
  FilingUpdate,
  MyImporter,
  NoticeOfActionKind,
  Onboarding,
  OnboardingState,
  PageInfo,
  ReviewAction,
  ReviewQueueRole,
} from './types';

/** Every operation the console sends, named so the gateway's logs say which page asked. */

const FILING_ROW = gql`
  fragment FilingRow on EntrySummary {
    id
    entryNumber
    status
    filedAt
    entryDate
    totalEnteredValue
    totalDuty
    importer {
      id
      name
    }
    processingCenter {
      id
      name
    }
    review {
      step
      version
      stepDueAt
      escalated
      responseDueAt
      claimedBy {
        id
        email
        role
      }
      risk {
        score
        lowRisk
      }
    }
  }
`;

const FILING_DETAIL = gql`
  fragment FilingDetail on EntrySummary {
    ...FilingRow
    entryType
    entryTypeDescription
    filerCode
    portOfEntry
    releaseDate
    processingLocation {
      kind
      port
      center {
        id
        name
      }
    }
    importer {
      id
      name
      importerNumber
      contactEmail
    }
    lines {
      lineNumber
      htsNumber
      countryOfOrigin
      enteredValue
      dutyRate
      duty
    }
    events {
      id
      type
      fromStatus
      toStatus
      actor
      actorRole
      note
      occurredAt
    }
    review {
      workflowId
      risk {
        score
        lowRisk
        reasons
      }
      pendingAction {
        kind
        details
        changeKind
        proposedBy {
          id
          email
          role
        }
        signedOffBy {
          id
          email
          role
        }
        response
        respondedAt
      }
      liquidationDate
      updatedAt
      availableActions
    }
  }
  ${FILING_ROW}
`;

const ONBOARDING_DETAIL = gql`
  fragment OnboardingDetail on Onboarding {
    id
    state
    step
    createdAt
    updatedAt
    notice {
      id
      citation
      title
      centers {
        id
        name
      }
    }
    chosenCenter {
      id
      name
    }
    proposedCenter {
      id
      name
    }
    center {
      id
      name
    }
    proposalBasis
    proposalNote
    reasons
    question
    answer
    decisionNote
    reviewDueAt
    escalatesAt
    informationDueAt
    effectiveDate
    availableActions
    accountManager {
      id
      name
      email
    }
    events {
      id
      type
      actor
      actorRole
      note
      at
    }
  }
`;

// ——— public ———

export const CENTERS: TypedDocumentNode<{ centers: Center[] }> = gql`
  query ConsoleCenters {
    centers {
      id
      name
      managementCity
      status
      openedOn
      contact {
        email
        phone
        hours
        address {
          street
          city
          state
          postalCode
          country
        }
      }
    }
  }
`;

export const CENTER_COVERAGE: TypedDocumentNode<{ center: { id: string; coverage: CoverageRange[] } }, { id: string }> = gql`
  query ConsoleCenterCoverage($id: ID!) {
    center(id: $id) {
      id
      coverage {
        id
        firstHeading
        lastHeading
        basis
        source
        effectiveFrom
        effectiveTo
      }
    }
  }
`;

export const LOCATE_CENTER: TypedDocumentNode<{ locateCenter: CenterLocation }, { htsNumbers: string[]; values?: number[] | null; asOf?: string | null }> = gql`
  query ConsoleLocateCenter($htsNumbers: [String!]!, $values: [Float!], $asOf: LocalDate) {
    locateCenter(htsNumbers: $htsNumbers, values: $values, asOf: $asOf) {
      asOf
      lines {
        input
        htsNumber
        value
        problem
        center {
          id
          name
          managementCity
        }
        coverage {
          id
          firstHeading
          lastHeading
          basis
          source
          effectiveFrom
        }
      }
      predominantCenter {
        measure
        amount
        center {
          id
          name
          managementCity
          contact {
            email
            phone
          }
        }
      }
    }
  }
`;

export const NOTICES: TypedDocumentNode<{ federalRegisterNotices: FederalRegisterNotice[] }, { open?: boolean | null }> = gql`
  query ConsoleNotices($open: Boolean) {
    federalRegisterNotices(open: $open) {
      id
      citation
      title
      publishedOn
      opensOn
      closesOn
      isOpen
      note
      centers {
        id
        name
      }
      eligibility {
        qualifyingCtpatTiers
        isaQualifies
        aceAccountRequired
        description
      }
    }
  }
`;

// ——— filings and review ———

export const REVIEW_QUEUE: TypedDocumentNode<
  { reviewQueue: { nodes: FilingRow[]; pageInfo: PageInfo } },
  { role?: ReviewQueueRole | null; centerId?: string | null; first: number }
> = gql`
  query ConsoleReviewQueue($role: ReviewQueueRole, $centerId: ID, $first: Int) {
    reviewQueue(role: $role, centerId: $centerId, first: $first) {
      nodes {
        ...FilingRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${FILING_ROW}
`;

export interface FilingFilterInput {
  centerId?: string | null;
  status?: FilingStatus | null;
  entryNumber?: string | null;
}

export const FILINGS: TypedDocumentNode<
  { filings: { totalCount: number; nodes: FilingRow[]; pageInfo: PageInfo } },
  { filter?: FilingFilterInput; first: number; after?: string | null }
> = gql`
  query ConsoleFilings($filter: FilingFilter, $first: Int, $after: String) {
    filings(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...FilingRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${FILING_ROW}
`;

export const FILING: TypedDocumentNode<{ filing: FilingDetail }, { id: string }> = gql`
  query ConsoleFiling($id: ID!) {
    filing(id: $id) {
      ...FilingDetail
    }
  }
  ${FILING_DETAIL}
`;

export const FILING_UPDATED: TypedDocumentNode<{ filingUpdated: FilingUpdate }, { filter?: { centerId?: string; importerId?: string; entryNumber?: string } | null }> = gql`
  subscription ConsoleFilingUpdated($filter: FilingUpdateFilter) {
    filingUpdated(filter: $filter) {
      id
      type
      toStatus
      actor
      occurredAt
      note
      filing {
        id
        entryNumber
        status
      }
    }
  }
`;

export interface LineInput {
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
}

export const FILE_ENTRY_SUMMARY: TypedDocumentNode<
  { fileEntrySummary: { id: string; entryNumber: string } },
  { input: { entryNumber: string; entryType: string; portOfEntry: string; entryDate: string; releaseDate?: string | null; lines: LineInput[] } }
> = gql`
  mutation ConsoleFileEntrySummary($input: FileEntrySummaryInput!) {
    fileEntrySummary(input: $input) {
      id
      entryNumber
    }
  }
`;

export const DECIDE_REVIEW: TypedDocumentNode<
  { decideReview: FilingDetail },
  { input: { entrySummaryId: string; action: ReviewAction; expectedVersion: number; note?: string | null; changeKind?: NoticeOfActionKind | null } }
> = gql`
  mutation ConsoleDecideReview($input: ReviewDecisionInput!) {
    decideReview(input: $input) {
      ...FilingDetail
    }
  }
  ${FILING_DETAIL}
`;

export const ANSWER_REQUEST_FOR_INFORMATION: TypedDocumentNode<{ answerRequestForInformation: FilingDetail }, { id: string; answer: string }> = gql`
  mutation ConsoleAnswerRequestForInformation($id: ID!, $answer: String!) {
    answerRequestForInformation(entrySummaryId: $id, answer: $answer) {
      ...FilingDetail
    }
  }
  ${FILING_DETAIL}
`;

export const RESPOND_TO_NOTICE_OF_ACTION: TypedDocumentNode<{ respondToNoticeOfAction: FilingDetail }, { id: string; response: string }> = gql`
  mutation ConsoleRespondToNoticeOfAction($id: ID!, $response: String!) {
    respondToNoticeOfAction(entrySummaryId: $id, response: $response) {
      ...FilingDetail
    }
  }
  ${FILING_DETAIL}
`;

export const CORRECT_ENTRY_SUMMARY: TypedDocumentNode<
  { correctEntrySummary: FilingDetail },
  { id: string; input: { entryType: string; entryDate: string; releaseDate?: string | null; lines: LineInput[] } }
> = gql`
  mutation ConsoleCorrectEntrySummary($id: ID!, $input: CorrectEntrySummaryInput!) {
    correctEntrySummary(id: $id, input: $input) {
      ...FilingDetail
    }
  }
  ${FILING_DETAIL}
`;

// ——— importers and onboarding ———

export const MY_IMPORTER: TypedDocumentNode<{ me: MyImporter | null }> = gql`
  query ConsoleMyImporter {
    me {
      id
      name
      importerNumber
      contactEmail
      ctpatTier
      isaMember
      aceAccount
      participation {
        status
        since
        center {
          id
          name
        }
        accountManager {
          id
          name
          email
        }
      }
      onboarding {
        ...OnboardingDetail
      }
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const VOLUNTEER_FOR_CENTER: TypedDocumentNode<{ volunteerForCenter: Onboarding }, { centerId: string; noticeId: string }> = gql`
  mutation ConsoleVolunteerForCenter($centerId: ID!, $noticeId: ID!) {
    volunteerForCenter(centerId: $centerId, noticeId: $noticeId) {
      ...OnboardingDetail
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const ANSWER_ONBOARDING_QUESTION: TypedDocumentNode<{ answerOnboardingQuestion: Onboarding }, { answer: string }> = gql`
  mutation ConsoleAnswerOnboardingQuestion($answer: String!) {
    answerOnboardingQuestion(answer: $answer) {
      ...OnboardingDetail
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const WITHDRAW_ONBOARDING: TypedDocumentNode<{ withdrawOnboarding: Onboarding }, { note?: string | null }> = gql`
  mutation ConsoleWithdrawOnboarding($note: String) {
    withdrawOnboarding(note: $note) {
      ...OnboardingDetail
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const WITHDRAW_PARTICIPATION: TypedDocumentNode<{ withdrawParticipation: { id: string } }> = gql`
  mutation ConsoleWithdrawParticipation {
    withdrawParticipation {
      id
      participation {
        status
        since
        center {
          id
          name
        }
      }
    }
  }
`;

export const ONBOARDING_BOARD: TypedDocumentNode<
  {
    applied: { totalCount: number; nodes: BoardOnboarding[] };
    awaitingReview: { totalCount: number; nodes: BoardOnboarding[] };
    awaitingImporter: { totalCount: number; nodes: BoardOnboarding[] };
    closed: { totalCount: number; nodes: BoardOnboarding[] };
  },
  { centerId?: string | null; closedState: OnboardingState; first: number; closedFirst: number }
> = gql`
  query ConsoleOnboardingBoard($centerId: ID, $closedState: OnboardingState!, $first: Int!, $closedFirst: Int!) {
    applied: onboardings(first: $first, filter: { state: APPLIED, centerId: $centerId }) {
      ...BoardColumn
    }
    awaitingReview: onboardings(first: $first, filter: { state: AWAITING_REVIEW, centerId: $centerId }) {
      ...BoardColumn
    }
    awaitingImporter: onboardings(first: $first, filter: { state: AWAITING_IMPORTER, centerId: $centerId }) {
      ...BoardColumn
    }
    closed: onboardings(first: $closedFirst, filter: { state: $closedState, centerId: $centerId }) {
      ...BoardColumn
    }
  }
  fragment BoardColumn on OnboardingPage {
    totalCount
    nodes {
      ...OnboardingDetail
      importer {
        id
        name
        importerNumber
        ctpatTier
        isaMember
        aceAccount
      }
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const DECIDE_ONBOARDING: TypedDocumentNode<
  { decideOnboarding: Onboarding },
  { importerId: string; input: { decision: 'APPROVE' | 'REJECT' | 'ASK_FOR_INFORMATION'; note?: string | null; question?: string | null; effectiveDate?: string | null } }
> = gql`
  mutation ConsoleDecideOnboarding($importerId: ID!, $input: OnboardingDecisionInput!) {
    decideOnboarding(importerId: $importerId, input: $input) {
      ...OnboardingDetail
    }
  }
  ${ONBOARDING_DETAIL}
`;

export const REASSIGN_ONBOARDING: TypedDocumentNode<{ reassignOnboarding: Onboarding }, { importerId: string; centerId: string; note?: string | null }> = gql`
  mutation ConsoleReassignOnboarding($importerId: ID!, $centerId: ID!, $note: String) {
    reassignOnboarding(importerId: $importerId, centerId: $centerId, note: $note) {
      ...OnboardingDetail
    }
  }
  ${ONBOARDING_DETAIL}
`;

// ——— Center overview ———

interface StatusCounts {
  id: string;
  name: string;
  all: { totalCount: number };
  filed: { totalCount: number };
  underReview: { totalCount: number };
  returned: { totalCount: number };
  accepted: { totalCount: number };
  rejected: { totalCount: number };
  liquidated: { totalCount: number };
}
export type CenterStatusCounts = StatusCounts;

const STATUS_COUNTS = gql`
  fragment StatusCounts on Center {
    id
    name
    all: filings(first: 1) {
      totalCount
    }
    filed: filings(first: 1, status: FILED) {
      totalCount
    }
    underReview: filings(first: 1, status: UNDER_REVIEW) {
      totalCount
    }
    returned: filings(first: 1, status: RETURNED) {
      totalCount
    }
    accepted: filings(first: 1, status: ACCEPTED) {
      totalCount
    }
    rejected: filings(first: 1, status: REJECTED) {
      totalCount
    }
    liquidated: filings(first: 1, status: LIQUIDATED) {
      totalCount
    }
  }
`;

export const ALL_CENTERS_STATUS_COUNTS: TypedDocumentNode<{ centers: StatusCounts[] }> = gql`
  query ConsoleAllCentersStatusCounts {
    centers {
      ...StatusCounts
    }
  }
  ${STATUS_COUNTS}
`;

export const CENTER_STATUS_COUNTS: TypedDocumentNode<{ center: StatusCounts }, { id: string }> = gql`
  query ConsoleCenterStatusCounts($id: ID!) {
    center(id: $id) {
      ...StatusCounts
    }
  }
  ${STATUS_COUNTS}
`;

export interface DecidedFiling {
  id: string;
  filedAt: string;
  events: Array<{ id: string; toStatus: FilingStatus; actorRole: string; occurredAt: string }>;
}

export interface OpenStep {
  id: string;
  filedAt: string;
  review: { step: string; stepDueAt: string | null; escalated: boolean } | null;
}

/**
 * What the overview computes SLA breaches and processing times from: the open steps of the
 * three queues and the newest decided filings. The graph has no aggregate for these, so they
 * are composed here from the lists (at most 100 of each).
 */
export const CENTER_PROCESSING: TypedDocumentNode<
  {
    center: { id: string; accepted: { nodes: DecidedFiling[] }; liquidated: { nodes: DecidedFiling[] }; rejected: { nodes: DecidedFiling[] } };
    entry: { nodes: OpenStep[] };
    import: { nodes: OpenStep[] };
    supervisor: { nodes: OpenStep[] };
  },
  { id: string; first: number }
> = gql`
  query ConsoleCenterProcessing($id: ID!, $first: Int!) {
    center(id: $id) {
      id
      accepted: filings(first: $first, status: ACCEPTED) {
        ...DecidedFilings
      }
      liquidated: filings(first: $first, status: LIQUIDATED) {
        ...DecidedFilings
      }
      rejected: filings(first: $first, status: REJECTED) {
        ...DecidedFilings
      }
    }
    entry: reviewQueue(role: ENTRY_SPECIALIST, centerId: $id, first: $first) {
      ...OpenSteps
    }
    import: reviewQueue(role: IMPORT_SPECIALIST, centerId: $id, first: $first) {
      ...OpenSteps
    }
    supervisor: reviewQueue(role: SUPERVISOR, centerId: $id, first: $first) {
      ...OpenSteps
    }
  }
  fragment DecidedFilings on FilingPage {
    nodes {
      id
      filedAt
      events {
        id
        toStatus
        actorRole
        occurredAt
      }
    }
  }
  fragment OpenSteps on ReviewQueuePage {
    nodes {
      id
      filedAt
      review {
        step
        stepDueAt
        escalated
      }
    }
  }
`;

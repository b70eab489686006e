import { graphql } from './generated';
import type { ConsoleFilingUpdatedSubscription } from './generated/graphql';

/**
 * The filings and review operations. The fragments are declared for codegen only: the generated
 * document of each operation carries the definitions of the fragments it spreads.
 */

graphql(`
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
`);

graphql(`
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
`);

export const REVIEW_QUEUE = graphql(`
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
`);

export const FILINGS = graphql(`
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
`);

export const FILING = graphql(`
  query ConsoleFiling($id: ID!) {
    filing(id: $id) {
      ...FilingDetail
    }
  }
`);

export const FILING_UPDATED = graphql(`
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
`);

export const FILE_ENTRY_SUMMARY = graphql(`
  mutation ConsoleFileEntrySummary($input: FileEntrySummaryInput!) {
    fileEntrySummary(input: $input) {
      id
      entryNumber
    }
  }
`);

export const DECIDE_REVIEW = graphql(`
  mutation ConsoleDecideReview($input: ReviewDecisionInput!) {
    decideReview(input: $input) {
      ...FilingDetail
    }
  }
`);

export const ANSWER_REQUEST_FOR_INFORMATION = graphql(`
  mutation ConsoleAnswerRequestForInformation($id: ID!, $answer: String!) {
    answerRequestForInformation(entrySummaryId: $id, answer: $answer) {
      ...FilingDetail
    }
  }
`);

export const RESPOND_TO_NOTICE_OF_ACTION = graphql(`
  mutation ConsoleRespondToNoticeOfAction($id: ID!, $response: String!) {
    respondToNoticeOfAction(entrySummaryId: $id, response: $response) {
      ...FilingDetail
    }
  }
`);

export const CORRECT_ENTRY_SUMMARY = graphql(`
  mutation ConsoleCorrectEntrySummary($id: ID!, $input: CorrectEntrySummaryInput!) {
    correctEntrySummary(id: $id, input: $input) {
      ...FilingDetail
    }
  }
`);

/** One event of `filingUpdated`, as the pages that follow filings live receive it. */
export type FilingUpdate = ConsoleFilingUpdatedSubscription['filingUpdated'];

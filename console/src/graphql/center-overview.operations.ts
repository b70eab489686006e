import { graphql } from './generated';

/** The Center overview's operations. The fragment is declared for codegen only, like the others. */

graphql(`
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
`);

export const ALL_CENTERS_STATUS_COUNTS = graphql(`
  query ConsoleAllCentersStatusCounts {
    centers {
      ...StatusCounts
    }
  }
`);

export const CENTER_STATUS_COUNTS = graphql(`
  query ConsoleCenterStatusCounts($id: ID!) {
    center(id: $id) {
      ...StatusCounts
    }
  }
`);

/**
 * What the overview computes SLA breaches and processing times from: the open steps of the
 * three queues and the newest decided filings. The graph has no aggregate for these, so they
 * are composed here from the lists (at most 100 of each).
 */
export const CENTER_PROCESSING = graphql(`
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
`);

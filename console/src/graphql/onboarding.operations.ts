import { graphql } from './generated';

/**
 * The participation and onboarding operations. The fragment is declared for codegen only: the
 * generated document of each operation carries its definition.
 */

graphql(`
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
      documents {
        id
        fileName
        downloadUrl
      }
    }
  }
`);

export const MY_IMPORTER = graphql(`
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
`);

export const VOLUNTEER_FOR_CENTER = graphql(`
  mutation ConsoleVolunteerForCenter($centerId: ID!, $noticeId: ID!) {
    volunteerForCenter(centerId: $centerId, noticeId: $noticeId) {
      ...OnboardingDetail
    }
  }
`);

export const ANSWER_ONBOARDING_QUESTION = graphql(`
  mutation ConsoleAnswerOnboardingQuestion($answer: String!, $documentIds: [ID!]) {
    answerOnboardingQuestion(answer: $answer, documentIds: $documentIds) {
      ...OnboardingDetail
    }
  }
`);

export const WITHDRAW_ONBOARDING = graphql(`
  mutation ConsoleWithdrawOnboarding($note: String) {
    withdrawOnboarding(note: $note) {
      ...OnboardingDetail
    }
  }
`);

export const WITHDRAW_PARTICIPATION = graphql(`
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
`);

export const ONBOARDING_BOARD = graphql(`
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
`);

export const DECIDE_ONBOARDING = graphql(`
  mutation ConsoleDecideOnboarding($importerId: ID!, $input: OnboardingDecisionInput!) {
    decideOnboarding(importerId: $importerId, input: $input) {
      ...OnboardingDetail
    }
  }
`);

export const REASSIGN_ONBOARDING = graphql(`
  mutation ConsoleReassignOnboarding($importerId: ID!, $centerId: ID!, $note: String) {
    reassignOnboarding(importerId: $importerId, centerId: $centerId, note: $note) {
      ...OnboardingDetail
    }
  }
`);

/** Every event of the applications the viewer may see, live: the board and the importer's page re-read on each. */
export const ONBOARDING_UPDATED = graphql(`
  subscription ConsoleOnboardingUpdated($filter: OnboardingUpdateFilter) {
    onboardingUpdated(filter: $filter) {
      id
      type
      at
      onboarding {
        id
        state
      }
    }
  }
`);

/** An application's documents (its case file), for the documents panel and the answer's attachments. */
export const ONBOARDING_DOCUMENTS = graphql(`
  query ConsoleOnboardingDocuments($id: ID!) {
    onboardingApplication(id: $id) {
      id
      documents {
        ...DocumentRow
      }
    }
  }
`);

/** An application's thread: its state for the viewer and its first page of messages, oldest first. */
export const ONBOARDING_THREAD = graphql(`
  query ConsoleOnboardingThread($id: ID!, $first: Int!) {
    onboardingApplication(id: $id) {
      id
      caseThread {
        ...CaseThreadOpening
      }
    }
  }
`);

/** A later page of an application's thread, after the cursor of the page before it. */
export const ONBOARDING_THREAD_PAGE = graphql(`
  query ConsoleOnboardingThreadPage($id: ID!, $first: Int!, $after: String!) {
    onboardingApplication(id: $id) {
      id
      caseThread {
        messages(first: $first, after: $after) {
          ...CaseMessagePageItems
        }
      }
    }
  }
`);

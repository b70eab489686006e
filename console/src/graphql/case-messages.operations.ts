import { graphql } from './generated';

/** The most messages one page may hold (the graph's page-size rule). */
export const MESSAGES_PER_PAGE = 100;

// Declared for codegen only: the generated documents carry the fragments' definitions.
graphql(`
  fragment CaseMessageItem on CaseMessage {
    id
    from
    author
    authorRole
    internal
    text
    postedAt
    documents {
      id
      fileName
      downloadUrl
    }
  }
`);

// A page of messages, and a thread as it opens: its state for the viewer and its first page, oldest first.
// The same for an entry summary's thread and an application's (onboarding.operations.ts).
graphql(`
  fragment CaseMessagePageItems on CaseMessagePage {
    nodes {
      ...CaseMessageItem
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
`);

graphql(`
  fragment CaseThreadOpening on CaseThread {
    unreadCount
    waitingFor
    lastMessageAt
    messages(first: $first) {
      ...CaseMessagePageItems
    }
  }
`);

/** An entry summary's thread: its state for the viewer and its first page of messages, oldest first. */
export const ENTRY_SUMMARY_THREAD = graphql(`
  query ConsoleEntrySummaryThread($id: ID!, $first: Int!) {
    filing(id: $id) {
      id
      caseThread {
        ...CaseThreadOpening
      }
    }
  }
`);

/** A later page of an entry summary's thread, after the cursor of the page before it. */
export const ENTRY_SUMMARY_THREAD_PAGE = graphql(`
  query ConsoleEntrySummaryThreadPage($id: ID!, $first: Int!, $after: String!) {
    filing(id: $id) {
      id
      caseThread {
        messages(first: $first, after: $after) {
          ...CaseMessagePageItems
        }
      }
    }
  }
`);

export const POST_CASE_MESSAGE = graphql(`
  mutation ConsolePostCaseMessage($input: PostCaseMessageInput!) {
    postCaseMessage(input: $input) {
      ...CaseMessageItem
    }
  }
`);

export const MARK_CASE_READ = graphql(`
  mutation ConsoleMarkCaseRead($subject: DocumentSubjectInput!, $upTo: ID) {
    markCaseRead(subject: $subject, upTo: $upTo) {
      unreadCount
    }
  }
`);

/** Threads waiting for the Center's answer (the trade wrote last), oldest waiting first. */
export const STAFF_INBOX = graphql(`
  query ConsoleStaffInbox($first: Int!, $after: String, $centerId: ID) {
    staffInbox(first: $first, after: $after, centerId: $centerId) {
      nodes {
        subject {
          type
          id
        }
        waitingSince
        lastMessageAt
        unreadCount
        entrySummary {
          id
          entryNumber
          importer {
            name
          }
        }
        onboarding {
          id
          importer {
            name
          }
          center {
            id
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** What waits for the importer, soonest due first. */
export const IMPORTER_INBOX = graphql(`
  query ConsoleImporterInbox($first: Int!) {
    importerInbox(first: $first) {
      totalCount
      items {
        reason
        since
        dueAt
        subject {
          type
          id
        }
        entrySummary {
          id
          entryNumber
        }
        onboarding {
          id
          chosenCenter {
            name
          }
        }
        caseThread {
          unreadCount
        }
      }
    }
  }
`);

/** How many threads wait for the viewer's Center, for the navigation (a page of ids, no more). */
export const STAFF_INBOX_COUNT = graphql(`
  query ConsoleStaffInboxCount($first: Int!) {
    staffInbox(first: $first) {
      nodes {
        subject {
          id
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** How many things wait for the importer, for the navigation. */
export const IMPORTER_INBOX_COUNT = graphql(`
  query ConsoleImporterInboxCount {
    importerInbox(first: 1) {
      totalCount
    }
  }
`);

export const CASE_MESSAGE_ADDED = graphql(`
  subscription ConsoleCaseMessageAdded {
    caseMessageAdded {
      id
    }
  }
`);

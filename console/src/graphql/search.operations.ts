import { graphql } from './generated';

/** The search page's operation; its rows are the filing table's (FilingRow, in filings.operations.ts). */
export const SEARCH_FILINGS = graphql(`
  query ConsoleSearchFilings($filter: FilingSearchFilter, $first: Int!, $after: String, $orderBy: FilingSearchOrder) {
    searchFilings(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      nodes {
        ...FilingRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount {
        value
        isExact
      }
    }
  }
`);

import { graphql } from './generated';

/**
 * The Center overview's operations: every figure is the graph's (FilingStatistics, computed by
 * the database over the whole period), none is computed in the browser. The fragments are
 * declared for codegen only, like the others.
 */

graphql(`
  fragment Figures on FilingFigures {
    filings
    enteredValue
    duty
  }
`);

graphql(`
  fragment RankedRow on RankedFigures {
    key
    filings
    enteredValue
    duty
  }
`);

graphql(`
  fragment DecisionTimesRow on DecisionTimes {
    count
    p50Seconds
    p90Seconds
  }
`);

graphql(`
  fragment StatisticsDetail on FilingStatistics {
    from
    to
    processing
    totals {
      ...Figures
    }
    byStatus {
      status
      filings
      enteredValue
      duty
    }
    openSteps {
      step
      open
      breached
      escalated
      dueWithin24Hours
    }
    staffDecisionTimes {
      ...DecisionTimesRow
    }
    automaticAcceptanceTimes {
      ...DecisionTimesRow
    }
    informationRequests {
      cf28Issued
      cf28Answered
      cf28MedianResponseSeconds
      cf29Issued
      cf29Responded
      cf29MedianResponseSeconds
      returned
      corrected
    }
    weekly {
      weekStart
      filings
      enteredValue
      decisions
      automaticAcceptances
    }
    topHeadings {
      ...RankedRow
    }
    topImporters {
      importer {
        id
        name
      }
      filings
      enteredValue
      duty
    }
    topPortsOfEntry {
      ...RankedRow
    }
    topCountriesOfOrigin {
      ...RankedRow
    }
    workload {
      staffEmail
      role
      claimed
      decided
      medianStepSeconds
    }
  }
`);

/** National statistics (CBP admins): the Centers' filings, the ports' or both. */
export const NATIONAL_STATISTICS = graphql(`
  query ConsoleNationalStatistics($from: LocalDate!, $to: LocalDate!, $processing: StatisticsProcessing!) {
    statistics(from: $from, to: $to, processing: $processing) {
      ...StatisticsDetail
    }
  }
`);

/** One Center's statistics, for its own staff (and admins). */
export const CENTER_STATISTICS = graphql(`
  query ConsoleCenterStatistics($id: ID!, $from: LocalDate!, $to: LocalDate!) {
    center(id: $id) {
      id
      statistics(from: $from, to: $to) {
        ...StatisticsDetail
      }
    }
  }
`);

/**
 * A row per Center for the admins' comparison table, in one request: ten statistics objects,
 * each with only the few figures the row shows, so the operation stays well inside the
 * gateway's cost limit however the statistics fields are weighted.
 */
export const CENTERS_STATISTICS = graphql(`
  query ConsoleCentersStatistics($from: LocalDate!, $to: LocalDate!) {
    centers {
      id
      name
      statistics(from: $from, to: $to) {
        totals {
          ...Figures
        }
        openSteps {
          step
          open
          breached
        }
        staffDecisionTimes {
          p50Seconds
        }
        automaticAcceptanceTimes {
          count
        }
      }
    }
  }
`);

import { graphql } from './generated';

/**
 * The public directory's operations: the Centers, their coverage, the locator and the notices.
 * The fragments are declared for codegen only: the generated documents carry their definitions.
 */

export const CENTERS = graphql(`
  query ConsoleCenters {
    centers {
      id
      name
      managementCity
      status
      openedOn
      contact {
        ...CenterContactBlock
      }
    }
  }
`);

graphql(`
  fragment CenterContactBlock on CenterContact {
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
`);

graphql(`
  fragment CoverageSource on CoverageRange {
    id
    firstHeading
    lastHeading
    basis
    source
    effectiveFrom
  }
`);

export const CENTER_COVERAGE = graphql(`
  query ConsoleCenterCoverage($id: ID!) {
    center(id: $id) {
      id
      coverage {
        ...CoverageSource
        effectiveTo
      }
    }
  }
`);

export const LOCATE_CENTER = graphql(`
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
          ...CoverageSource
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
`);

export const NOTICES = graphql(`
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
`);

import { graphql } from './generated';

/**
 * The operations of the directory's keepers (CBP admins, and a Center's director for their own
 * Center): Federal Register notices published and closed, a Center's people added, re-roled
 * and deactivated, its public contact block corrected, and its audit log read.
 */

export const PUBLISH_NOTICE = graphql(`
  mutation ConsolePublishNotice($input: PublishFederalRegisterNoticeInput!) {
    publishFederalRegisterNotice(input: $input) {
      id
      citation
      isOpen
    }
  }
`);

export const CLOSE_NOTICE = graphql(`
  mutation ConsoleCloseNotice($id: ID!, $closedOn: LocalDate) {
    closeFederalRegisterNotice(id: $id, closedOn: $closedOn) {
      id
      citation
      isOpen
      closesOn
    }
  }
`);

export const CENTER_DIRECTORY = graphql(`
  query ConsoleCenterDirectory($id: ID!) {
    center(id: $id) {
      id
      name
      contact {
        ...CenterContactBlock
      }
      staff {
        id
        name
        email
        role
        active
      }
    }
  }
`);

export const CENTER_DIRECTORY_EVENTS = graphql(`
  query ConsoleCenterDirectoryEvents($id: ID!, $first: Int) {
    center(id: $id) {
      id
      directoryEvents(first: $first) {
        id
        type
        at
        actor
        note
        staffMember {
          id
          name
          email
        }
        changes {
          field
          before
          after
        }
      }
    }
  }
`);

export const ADD_STAFF_MEMBER = graphql(`
  mutation ConsoleAddStaffMember($input: AddStaffMemberInput!) {
    addStaffMember(input: $input) {
      id
      name
      email
      role
      active
    }
  }
`);

export const CHANGE_STAFF_ROLE = graphql(`
  mutation ConsoleChangeStaffRole($id: ID!, $role: CenterStaffRole!) {
    changeStaffRole(id: $id, role: $role) {
      id
      role
    }
  }
`);

export const DEACTIVATE_STAFF_MEMBER = graphql(`
  mutation ConsoleDeactivateStaffMember($id: ID!, $reason: String!) {
    deactivateStaffMember(id: $id, reason: $reason) {
      staffMember {
        id
        name
        active
        deactivatedAt
      }
      releasedClaims {
        entrySummaryId
        entryNumber
      }
    }
  }
`);

export const UPDATE_CENTER_CONTACT = graphql(`
  mutation ConsoleUpdateCenterContact($centerId: ID!, $input: UpdateCenterContactInput!) {
    updateCenterContact(centerId: $centerId, input: $input) {
      id
      contact {
        ...CenterContactBlock
      }
    }
  }
`);

import { ConflictError, NotFoundError } from '@cee-hub/common';

export class UnknownFilingError extends NotFoundError {
  /** `what` completes "No entry summary has …", e.g. `the id '…'`. */
  constructor(what: string) {
    super(`No entry summary has ${what}`);
  }
}

export class DuplicateEntryNumberError extends ConflictError {
  constructor(entryNumber: string) {
    super(`Entry number ${entryNumber} has already been filed; an entry number identifies one entry summary`);
  }
}

export class UnknownFilingEventError extends NotFoundError {
  constructor(id: string) {
    super(`No filing event has the id '${id}'`);
  }
}

/** Ends a subscription whose client reads slower than events arrive (the live kit's, for every domain). */
export { SubscriberTooSlowError } from '@cee-hub/common/live';

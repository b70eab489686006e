import { ConflictError, ForbiddenError, NotFoundError } from '@cee-hub/common';

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

export class FilingNotVisibleError extends ForbiddenError {
  constructor(reason: string) {
    super(`You may not see this entry summary: ${reason}`);
  }
}

import { NotFoundError } from '@cee-hub/common';

/** A document the caller may not see is answered exactly as one that does not exist. */
export class UnknownDocumentError extends NotFoundError {
  constructor(id: string) {
    super(`No document has the id '${id}'`);
  }
}

/** Likewise a subject (entry summary, application) of another importer or another Center. */
export class UnknownSubjectError extends NotFoundError {
  constructor(type: string, id: string) {
    super(`No ${type === 'ENTRY_SUMMARY' ? 'entry summary' : 'onboarding application'} has the id '${id}'`);
  }
}

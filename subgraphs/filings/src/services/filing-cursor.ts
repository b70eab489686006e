import { BadUserInputError, isIsoTimestamp, isUuid } from '@cee-hub/common';

/** A position in the list of filings ordered by filed_at DESC, id DESC. */
export interface FilingCursor {
  /** filed_at in UTC to the microsecond, as PostgreSQL keeps it: a JS Date would drop digits and skip rows. */
  filedAt: string;
  id: string;
}

const VERSION = 'f1';
const MICROSECONDS = /\.\d{6}Z$/;

/** An opaque cursor: clients pass it back, never build it. */
export function encodeFilingCursor(cursor: FilingCursor): string {
  return Buffer.from(`${VERSION}|${cursor.filedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeFilingCursor; anything else is a BAD_USER_INPUT on `field`. */
export function decodeFilingCursor(text: string, field = 'after'): FilingCursor {
  const [version, filedAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (version !== VERSION || rest.length > 0 || !filedAt || !MICROSECONDS.test(filedAt) || !isIsoTimestamp(filedAt) || !id || !isUuid(id)) {
    throw new BadUserInputError({ field, message: 'is not a cursor this API gave out; pass the endCursor of the previous page' });
  }
  return { filedAt, id };
}

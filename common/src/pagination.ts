import { BadUserInputError } from './errors';

/** The largest page a list field returns. */
export const MAX_PAGE_SIZE = 100;

/** Opaque keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor with `length` parts; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, length: number, field = 'after'): Array<string | number> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError({ field, message: 'is not a cursor from this list; pass the endCursor of the previous page' });
}

export function checkPageSize(first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError({ field, message: `must be from 1 to ${MAX_PAGE_SIZE}; got ${first}` });
  }
}

import { BadUserInputError } from './errors';
import { isUuid } from './validation/ids';
import { textProblem } from './validation/text';
import { isIsoTimestamp } from './validation/working-days';

/** The largest page a list field returns. */
export const MAX_PAGE_SIZE = 100;
/** The page a list field returns when the caller names no size (also for an explicit null). */
export const DEFAULT_PAGE_SIZE = 20;

/** Opaque keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** What one part of a cursor holds; a decoded cursor is checked part by part, so the database never sees a malformed key. */
export type CursorPart = 'text' | 'uuid' | 'timestamp';

const CURSOR_PART_CHECKS: Record<CursorPart, (value: string) => boolean> = {
  text: (value) => textProblem(value) === null,
  uuid: isUuid,
  timestamp: isIsoTimestamp,
};

/** Reads a cursor made by encodeCursor whose parts are of the kinds given; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[], field = 'after'): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts.length && key.every((part, i) => typeof part === 'string' && CURSOR_PART_CHECKS[parts[i]!](part))) {
      return key as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError({ field, message: 'is not a cursor from this list; pass the endCursor of the previous page' });
}

/**
 * The page size of every list field: from 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when the caller
 * names none (GraphQL lets a client pass null over the argument's default). Returns the size.
 */
export function checkPageSize(first: number | null | undefined, field = 'first'): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError({ field, message: `must be from 1 to ${MAX_PAGE_SIZE}; got ${size}` });
  }
  return size;
}

/**
 * The one rule for text the system accepts from people: what PostgreSQL can store and a person
 * can read back. The graph applies it to every string a request carries (textInputPlugin) and
 * the workflows' Update validators apply it to the text they record, so input the store would
 * refuse is refused up front, before anything moves.
 */
import type { DecisionRefusal } from './refusal';

/** The longest single string the graph accepts (fields with a tighter limit check their own). */
export const MAX_TEXT_LENGTH = 10_000;

/** The most documents one step of a case (a CF-28 request, an answer, a response) may name. */
export const MAX_STEP_DOCUMENTS = 20;

const NUL = '\u0000';

/** Index of the first UTF-16 surrogate that is not half of a pair, or -1. */
function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return i;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return -1;
}

/**
 * What is wrong with `text` as stored text, or null when it can be stored: the NUL character
 * (PostgreSQL text cannot hold it), an unpaired surrogate (not Unicode; it would be stored
 * as a replacement character, silently changed), or more than `maxLength` characters.
 */
export function textProblem(text: string, maxLength: number = MAX_TEXT_LENGTH): string | null {
  if (text.length > maxLength) return `is ${text.length} characters long; at most ${maxLength} are accepted`;
  const nul = text.indexOf(NUL);
  if (nul >= 0) return `contains the NUL character (U+0000) at position ${nul + 1}, which cannot be stored; remove it`;
  const surrogate = loneSurrogateAt(text);
  if (surrogate >= 0) {
    const unit = text.charCodeAt(surrogate).toString(16).toUpperCase();
    return `contains an unpaired surrogate (U+${unit}) at position ${surrogate + 1}, which is not valid Unicode; remove it`;
  }
  return null;
}

/** The refusal of an Update whose `field` fails the text rule (BAD_USER_INPUT), or undefined. */
export function refuseText(field: string, text: string | null | undefined, maxLength: number = MAX_TEXT_LENGTH): DecisionRefusal | undefined {
  if (text === null || text === undefined) return undefined;
  const problem = textProblem(text, maxLength);
  return problem ? { type: 'BAD_USER_INPUT', message: `${field}: ${problem}` } : undefined;
}

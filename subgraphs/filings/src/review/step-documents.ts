import { BadUserInputError, isUuid } from '@cee-hub/common';
import type { DataSource } from 'typeorm';

/** The most documents one step (a CF-28 request, an answer, a response) may carry. */
export const MAX_STEP_DOCUMENTS = 20;

/**
 * The documents a review step names, checked to be live documents of the entry summary: an
 * id of another filing's document, of a deleted one or of none is refused by name, before the
 * workflow hears of the step. The documents domain answers through the SQL function it
 * publishes for this (`documents.live_document_ids`): it reads the filings domain itself, so a
 * package dependency this way would make a cycle.
 */
export async function checkStepDocuments(dataSource: DataSource, entrySummaryId: string, documentIds: readonly string[] | null | undefined): Promise<string[] | undefined> {
  const ids = [...new Set(documentIds ?? [])];
  if (ids.length === 0) return undefined;
  if (ids.length > MAX_STEP_DOCUMENTS) {
    throw new BadUserInputError({ field: 'documentIds', message: `A step carries at most ${MAX_STEP_DOCUMENTS} documents; ${ids.length} were given` });
  }
  const malformed = ids.find((id) => !isUuid(id));
  const [{ live }]: Array<{ live: string[] }> = malformed
    ? [{ live: [] }]
    : await dataSource.query(`SELECT documents.live_document_ids('ENTRY_SUMMARY', $1, $2::uuid[])::text[] AS live`, [entrySummaryId, ids]);
  const missing = ids.filter((id) => !live.includes(id));
  if (missing.length > 0) {
    throw new BadUserInputError(
      missing.map((id) => ({ field: 'documentIds', message: `'${id}' is not a document of this entry summary: upload it to the entry summary first (requestDocumentUpload), then name it here` })),
    );
  }
  return ids;
}

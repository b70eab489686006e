import { MAX_STEP_DOCUMENTS } from '@cee-hub/contracts';
import type { DataSource } from 'typeorm';
import { BadUserInputError } from './errors';
import { isUuid } from './validation';

/** The cases documents belong to, as the documents domain names them. */
export type CaseSubjectType = 'ENTRY_SUMMARY' | 'ONBOARDING';

/** The case a step belongs to, and how a refusal names it to a person ("entry summary", "application"). */
export interface StepCase {
  type: CaseSubjectType;
  id: string;
  noun: string;
}

/**
 * The documents a step of a case names, checked to be live documents of that case: an id of
 * another case's document, of a deleted one or of none is refused by name (field
 * `documentIds`), before anything is sent on. Undefined when none are named. The documents
 * domain answers through the SQL function it publishes for this (`documents.live_document_ids`):
 * it reads the filings and importers domains itself, so a package dependency this way would
 * make a cycle.
 */
export async function checkStepDocuments(dataSource: DataSource, stepCase: StepCase, documentIds: readonly string[] | null | undefined): Promise<string[] | undefined> {
  const ids = [...new Set(documentIds ?? [])];
  if (ids.length === 0) return undefined;
  if (ids.length > MAX_STEP_DOCUMENTS) {
    throw new BadUserInputError({ field: 'documentIds', message: `A step carries at most ${MAX_STEP_DOCUMENTS} documents; ${ids.length} were given` });
  }
  const malformed = ids.find((id) => !isUuid(id));
  const [{ live }]: Array<{ live: string[] }> = malformed
    ? [{ live: [] }]
    : await dataSource.query(`SELECT documents.live_document_ids($1, $2, $3::uuid[])::text[] AS live`, [stepCase.type, stepCase.id, ids]);
  const missing = ids.filter((id) => !live.includes(id));
  if (missing.length > 0) {
    throw new BadUserInputError(
      missing.map((id) => ({
        field: 'documentIds',
        message: `'${id}' is not a document of this ${stepCase.noun}: upload it to the ${stepCase.noun} first (requestDocumentUpload), then name it here`,
      })),
    );
  }
  return ids;
}

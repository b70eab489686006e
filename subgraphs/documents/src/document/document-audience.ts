import { type Identity, isCbp } from '@cee-hub/common';
import type { DocumentRow } from '@cee-hub/db';
import type { Document } from './document.type';

/** How CBP appears to the trade on a document CBP staff uploaded: the agency, never a person. */
export const CBP_AS_SEEN_BY_THE_TRADE = 'U.S. Customs and Border Protection';

/** Roles of the trade's people; anyone else uploading is CBP. */
const TRADE_ROLES: readonly string[] = ['IMPORTER', 'BROKER'];

/**
 * A document as the viewer may see it. CBP sees who uploaded it; the trade sees its own
 * people, and CBP's uploads as the agency's (no staff email reaches the trade).
 */
export function documentFor(viewer: Identity, row: DocumentRow): Document {
  const byTheTrade = TRADE_ROLES.includes(row.uploadedByRole);
  const hidden = !byTheTrade && !isCbp(viewer);
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.sizeBytes,
    sha256: row.sha256,
    subject: { type: row.subjectType, id: row.subjectId },
    uploadedBy: hidden ? CBP_AS_SEEN_BY_THE_TRADE : (row.uploadedByEmail ?? row.uploadedBy),
    uploadedByRole: hidden ? 'CBP' : row.uploadedByRole,
    uploadedAt: row.uploadedAt,
  };
}

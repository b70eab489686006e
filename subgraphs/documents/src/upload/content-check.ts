import { filetypeinfo } from 'magic-bytes.js';

/** How many leading bytes decide a file's type: enough for every signature we accept. */
export const SNIFF_BYTES = 4100;

const OOXML = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook (.xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation (.pptx)',
} as const;

const TEXT = { 'text/plain': 'text (.txt)', 'text/csv': 'CSV (.csv)' } as const;

/** The document formats CBP paperwork comes in, by the content type a client declares. */
export const ACCEPTED_CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/tiff': 'TIFF image',
  'image/webp': 'WebP image',
  ...OOXML,
  'application/msword': 'Word 97–2003 document (.doc)',
  'application/vnd.ms-excel': 'Excel 97–2003 workbook (.xls)',
  'application/vnd.ms-powerpoint': 'PowerPoint 97–2003 presentation (.ppt)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text (.odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet (.ods)',
  ...TEXT,
  'application/xml': 'XML',
  'text/xml': 'XML',
});

export function isAcceptedContentType(contentType: string): boolean {
  return Object.hasOwn(ACCEPTED_CONTENT_TYPES, contentType);
}

function isUtf8Text(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  // A multi-byte character may be cut at the end of the head; only a complete file must end cleanly.
  const sample = complete ? head : head.subarray(0, Math.max(0, head.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  // A script is text, but not paperwork: "#!" starts an executable file.
  return !(head[0] === 0x23 && head[1] === 0x21);
}

/**
 * What the bytes are, from their first SNIFF_BYTES (all of them for a shorter file), checked
 * against the declared content type: undefined when they agree, else why not. The signatures
 * come from magic-bytes.js; text has none, so text is what is valid UTF-8 with no NUL and no
 * signature of another format.
 */
export function refuseContent(declared: string, head: Uint8Array, complete: boolean): string | undefined {
  const candidates = filetypeinfo(head);
  const label = ACCEPTED_CONTENT_TYPES[declared] ?? declared;
  const found = candidates[0]?.typename;
  if (declared in TEXT) {
    if (candidates.length === 0 && isUtf8Text(head, complete)) return undefined;
    return `The file was declared ${label} but is ${found ? `a file of type ${found}` : 'not UTF-8 text'}`;
  }
  if (!candidates.some((candidate) => candidate.mime === declared)) {
    return `The file was declared ${label} but its bytes are ${found ? `a file of type ${found}` : 'of no document format CEE Hub accepts'}`;
  }
  // Every zip passes for an Office document by its signature; an Office file starts with its part list.
  if (declared in OOXML && !Buffer.from(head).includes('[Content_Types].xml')) {
    return `The file was declared ${label} but is a zip archive without Office parts`;
  }
  return undefined;
}

import { useMutation, useQuery } from '@apollo/client';
import { type FormEvent, useId, useState } from 'react';
import { formatDateTime, label } from '../format';
import { ENTRY_SUMMARY_DOCUMENTS, REQUEST_DOCUMENT_UPLOAD } from '../graphql/documents.operations';
import { DocumentKind, type DocumentRowFragment } from '../graphql/generated/graphql';
import { ONBOARDING_DOCUMENTS } from '../graphql/onboarding.operations';
import { useViewer } from '../session';
import { ColumnHeadings, numeric } from './column-headings';
import { ErrorNotice } from './error-notice';
import { enumOptions, LabelledSelect } from './labelled-select';
import { useAnnounce } from './live-region';

/** Download links are signed for a few minutes; the list is asked again before they run out. */
const LINK_REFRESH_MS = 4 * 60_000;

/** Content types by extension, for files the browser gives no type (the gateway checks the bytes either way). */
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  csv: 'text/csv',
  txt: 'text/plain',
  xml: 'application/xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function contentTypeOf(file: File): string {
  return file.type || TYPES_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The graph's refusal of the bytes, in its own words, as an error ErrorNotice shows. */
class UploadRefused extends Error {}

/**
 * PUTs the file to its one-time URL with the viewer's token, reporting progress (fetch cannot
 * report an upload's progress; XMLHttpRequest can).
 */
function putFile(url: string, file: File, token: string, onProgress: (share: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) return resolve();
      let message = `The upload was refused (HTTP ${request.status})`;
      try {
        const body = JSON.parse(request.responseText) as { errors?: Array<{ message: string; extensions?: { reason?: string } }> };
        const [first] = body.errors ?? [];
        if (first) message = first.extensions?.reason ? `${first.message} (${first.extensions.reason})` : first.message;
      } catch {
        // Not JSON: the status says enough.
      }
      reject(new UploadRefused(message));
    };
    request.onerror = () => reject(new UploadRefused('The upload did not reach the gateway; check the connection and try again'));
    request.send(file);
  });
}

/** A case the paperwork and the conversation belong to: an entry summary or a volunteer application. */
export interface CaseSubject {
  type: 'ENTRY_SUMMARY' | 'ONBOARDING';
  id: string;
}

/** How a case is named to the viewer, in captions and hints. */
export const CASE_NOUNS: Record<CaseSubject['type'], string> = { ENTRY_SUMMARY: 'entry summary', ONBOARDING: 'application' };

/** The documents of a case, oldest first, through the query of its kind (only that one is asked). */
export function useCaseDocuments(subject: CaseSubject, options: { pollInterval?: number } = {}) {
  const variables = { id: subject.id };
  const entrySummary = useQuery(ENTRY_SUMMARY_DOCUMENTS, { variables, skip: subject.type !== 'ENTRY_SUMMARY', ...options });
  const onboarding = useQuery(ONBOARDING_DOCUMENTS, { variables, skip: subject.type !== 'ONBOARDING', ...options });
  const documents: DocumentRowFragment[] =
    (subject.type === 'ENTRY_SUMMARY' ? entrySummary.data?.filing.documents : onboarding.data?.onboardingApplication?.documents) ?? [];
  const { error, refetch } = subject.type === 'ENTRY_SUMMARY' ? entrySummary : onboarding;
  return { documents, error, refetch };
}

/** A case's documents: the list with downloads, and an upload with progress. */
export function DocumentsPanel({ subject }: { subject: CaseSubject }) {
  const { token } = useViewer();
  const announce = useAnnounce();
  const ids = { file: useId(), kind: useId(), progress: useId() };
  const { documents, error, refetch } = useCaseDocuments(subject, { pollInterval: LINK_REFRESH_MS });
  const [requestUpload] = useMutation(REQUEST_DOCUMENT_UPLOAD);
  const [file, setFile] = useState<File | null>(null);
  // An entry's paperwork starts with its invoice; an application's is anything (a C-TPAT certificate, a power of attorney).
  const [kind, setKind] = useState<string>(subject.type === 'ENTRY_SUMMARY' ? DocumentKind.CommercialInvoice : DocumentKind.Other);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setFailure(null);
    setProgress(0);
    try {
      const declared = { subject: { type: subject.type, id: subject.id }, kind: kind as DocumentKind, fileName: file.name, contentType: contentTypeOf(file), size: file.size, sha256: await sha256Hex(file) };
      const { data: slot } = await requestUpload({ variables: { input: declared } });
      await putFile(slot!.requestDocumentUpload.uploadUrl, file, token, setProgress);
      announce(`${file.name} uploaded.`);
      setFile(null);
      (document.getElementById(ids.file) as HTMLInputElement | null)?.form?.reset();
      await refetch();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <ErrorNotice error={error} title="The documents could not be loaded" />
      {documents.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Documents of this {CASE_NOUNS[subject.type]}, oldest first</caption>
          <ColumnHeadings columns={['Document', 'Kind', numeric('Size'), 'Uploaded by', 'When']} />
          <tbody>
            {documents.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={item.downloadUrl} download={item.fileName}>
                    {item.fileName}
                  </a>
                </td>
                <td>{label(item.kind)}</td>
                <td className="number">{formatSize(item.size)}</td>
                <td>{item.uploadedBy}</td>
                <td>{formatDateTime(item.uploadedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="toolbar" onSubmit={(event) => void upload(event)}>
        <label htmlFor={ids.file}>File</label>
        <input id={ids.file} type="file" required onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <LabelledSelect id={ids.kind} label="Kind" value={kind} onChange={setKind} options={enumOptions(Object.values(DocumentKind))} />
        <button type="submit" disabled={!file || progress !== null}>
          Upload
        </button>
        {progress !== null ? (
          <>
            <label htmlFor={ids.progress}>Upload progress</label>
            <progress id={ids.progress} max={1} value={progress}>
              {Math.round(progress * 100)}%
            </progress>
          </>
        ) : null}
      </form>
      {failure instanceof UploadRefused ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">The document was not stored</p>
          <p>{failure.message}</p>
        </div>
      ) : (
        <ErrorNotice error={failure} title="The document was not stored" />
      )}
    </>
  );
}

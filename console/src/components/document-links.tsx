/** A list of documents as download links (those a message or a step came with); nothing when there are none. */
export function DocumentLinks({ documents, label }: { documents: ReadonlyArray<{ id: string; fileName: string; downloadUrl: string }>; label: string }) {
  if (documents.length === 0) return null;
  return (
    <ul className="message-documents" aria-label={label}>
      {documents.map((document) => (
        <li key={document.id}>
          <a href={document.downloadUrl} download={document.fileName}>
            {document.fileName}
          </a>
        </li>
      ))}
    </ul>
  );
}

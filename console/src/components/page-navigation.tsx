/**
 * Previous and next page of a keyset-paged list: `cursors` holds the `after` of every page seen
 * so far (null for the first), so going back needs no cursor of its own.
 */
export function PageNavigation({
  label,
  cursors,
  onChange,
  pageInfo,
}: {
  label: string;
  cursors: Array<string | null>;
  onChange: (cursors: Array<string | null>) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  return (
    <nav aria-label={label} className="toolbar">
      <button type="button" className="button-secondary" disabled={cursors.length === 1} onClick={() => onChange(cursors.slice(0, -1))}>
        Previous page
      </button>
      <span>Page {cursors.length}</span>
      <button type="button" className="button-secondary" disabled={!pageInfo.hasNextPage} onClick={() => onChange([...cursors, pageInfo.endCursor ?? null])}>
        Next page
      </button>
    </nav>
  );
}

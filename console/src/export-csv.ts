import type { FilingSearchFilter, FilingSearchOrder } from './graphql/generated/graphql';

/** The gateway's CSV export of a search: the same filter as searchFilings, as query parameters. */
const FILINGS_CSV_PATH = '/exports/filings.csv';

/** A refusal of an HTTP route, in the graph's shape (`{errors:[{message, extensions:{code}}]}`), for the error notice. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errors: Array<{ message: string; extensions?: { code?: string } }>,
  ) {
    super(errors[0]?.message ?? `The gateway answered ${status}`);
    this.name = 'HttpRefusal';
  }
}

/** The export's address: each filter field given under its FilingSearchFilter name, then the order; empty fields are left out. */
export function filingsCsvUrl(filter: FilingSearchFilter, orderBy: FilingSearchOrder): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(name, String(value));
  }
  params.set('orderBy', orderBy);
  return `${FILINGS_CSV_PATH}?${params}`;
}

/** The file name the gateway gives (Content-Disposition), else one naming today. */
function fileNameOf(response: Response): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const quoted = /filename="([^"]+)"/i.exec(disposition) ?? /filename=([^;]+)/i.exec(disposition);
  return quoted?.[1]?.trim() || `filings-${new Date().toISOString().slice(0, 10)}.csv`;
}

async function refusalOf(response: Response): Promise<HttpRefusal> {
  let errors: HttpRefusal['errors'] = [];
  try {
    const body = (await response.json()) as { errors?: HttpRefusal['errors'] };
    if (Array.isArray(body.errors)) errors = body.errors;
  } catch {
    // Not the graph's JSON (a proxy's page, say): the status is all there is to say.
  }
  return new HttpRefusal(response.status, errors.length > 0 ? errors : [{ message: `The export was refused (HTTP ${response.status})` }]);
}

/**
 * Downloads the CSV of a search as a file. The export needs the viewer's token, which a plain
 * link cannot carry, so the browser fetches it and saves the answer through an object URL.
 * A refusal rejects with an HttpRefusal.
 */
export async function downloadFilingsCsv(token: string, filter: FilingSearchFilter, orderBy: FilingSearchOrder): Promise<void> {
  const response = await fetch(filingsCsvUrl(filter, orderBy), { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
  if (!response.ok) throw await refusalOf(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the download; the URL is no longer needed once it started.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

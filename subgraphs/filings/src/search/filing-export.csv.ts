import { Transform, type TransformCallback } from 'node:stream';
import type { ImporterListing } from '@cee-hub/importers/directory';
import { type Audience, reviewStepSeenBy } from '../access/filing-audience';

/**
 * The columns of the export, one record per line of an entry summary with the summary's header
 * repeated (as ACE's entry summary reports lay them out), so a spreadsheet can filter and sum
 * either level.
 */
export const EXPORT_COLUMNS = [
  'Entry Number',
  'Entry Type',
  'Importer Number',
  'Importer Name',
  'Filer Code',
  'Port of Entry',
  'Entry Date',
  'Filed At (UTC)',
  'Status',
  'Review Step',
  'Processing',
  'Total Entered Value (USD)',
  'Total Duty (USD)',
  'Line Number',
  'HTS Number',
  'Country of Origin',
  'Line Entered Value (USD)',
  'Line Duty Rate (%)',
  'Line Duty (USD)',
] as const;

/** The line columns, empty, for a summary without lines (filing refuses those; a record is still written). */
const NO_LINE = ',,,,,';

/**
 * The row the export's statement returns per entry summary (pg's array row mode: no object per
 * row), text as PostgreSQL formats it, amounts as numeric text so no float rounds a cent. Its
 * order is that of EXPORT_ROW_SELECT. Reading one row per summary, its lines as one text, costs
 * the driver a third of what one row per line with the header repeated does.
 */
export type ExportRow = [
  entryNumber: string,
  entryType: string,
  importerId: string,
  portOfEntry: string,
  entryDate: string,
  filedAt: string,
  status: string,
  reviewStep: string | null,
  processingCenterId: string | null,
  totalEnteredValue: string,
  totalDuty: string,
  /** The line columns as CSV, one line of the summary per text line, in line order. */
  lines: string | null,
];

/**
 * The select list giving ExportRow, over the summaries `s` and their review `rv`. The line
 * columns are written as CSV by PostgreSQL itself: each is a number, the HTS number (ten digits,
 * checked by the table, formatted with its dots as formatHtsNumber does) or a validated
 * two-letter country code, so none needs quoting or can start a formula.
 */
export const EXPORT_ROW_SELECT = `s.entry_number, s.entry_type, s.importer_id, s.port_of_entry, to_char(s.entry_date, 'YYYY-MM-DD'),
  to_char(s.filed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), s.status, rv.step, s.processing_center_id,
  s.total_entered_value::text, s.total_duty::text,
  (SELECT string_agg(concat_ws(',', l.line_number, substr(l.hts_number, 1, 4) || '.' || substr(l.hts_number, 5, 2) || '.' || substr(l.hts_number, 7),
                               l.country_of_origin, l.entered_value, l.duty_rate, l.duty), E'\\n' ORDER BY l.line_number)
     FROM filings.entry_summary_line l WHERE l.entry_summary_id = s.id)`;

/** What the processing column says of a summary its port of entry processes. */
export const PORT_PROCESSING = 'PORT';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180: quoted when it holds a quote, a comma or a line break). It also guards
 * against CSV (formula) injection: a spreadsheet runs a cell that starts with = + - @, a tab or
 * a carriage return as a formula, and an importer's name is the importer's own text, so such a
 * cell gets a leading apostrophe, which spreadsheets show as text.
 */
export function csvCell(value: string): string {
  const first = value.length === 0 ? 0 : value.charCodeAt(0);
  // = + - @ tab CR
  const text = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record of cells, with its CRLF. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The importer columns of an importer the importers domain no longer lists. */
const UNLISTED_IMPORTER: Pick<ImporterListing, 'importerNumber' | 'name'> = { importerNumber: '', name: '' };

/** The CSV records of one summary, one per line, as `audience` may see it. */
export function exportRecords(row: ExportRow, importer: Pick<ImporterListing, 'importerNumber' | 'name'> | undefined, audience: Audience): string {
  const { importerNumber, name } = importer ?? UNLISTED_IMPORTER;
  const [entryNumber, entryType, , portOfEntry, entryDate, filedAt, status, reviewStep, processingCenterId, totalEnteredValue, totalDuty, lines] = row;
  const header = [
    entryNumber,
    entryType,
    importerNumber,
    name,
    entryNumber.slice(0, 3),
    portOfEntry,
    entryDate,
    filedAt,
    status,
    // The same rule as the graph's EntrySummary.review.step: no desk names for the trade.
    reviewStep === null ? '' : reviewStepSeenBy(audience, reviewStep),
    processingCenterId ?? PORT_PROCESSING,
    totalEnteredValue,
    totalDuty,
  ]
    .map(csvCell)
    .join(',');
  if (lines === null) return `${header},${NO_LINE}\r\n`;
  let text = '';
  for (const line of lines.split('\n')) text += `${header},${line}\r\n`;
  return text;
}

/** How the importer columns are looked up: the importers domain's directory (ImporterDirectory.byIds). */
export type ImporterLookup = (ids: readonly string[]) => Promise<Array<ImporterListing | undefined>>;

/** More distinct importers than this in one export start the cache of their listings afresh, so memory stays bounded. */
const MAX_CACHED_IMPORTERS = 20_000;

/**
 * Turns the statement's rows into CSV text a batch of summaries at a time: one lookup of the
 * batch's importers not yet seen (they belong to the importers domain, read through its
 * directory) and one chunk of text per batch, so the response is written in large writes rather
 * than one per line. The header row comes first, also when nothing matches. Backpressure holds:
 * a batch is taken only once the one before was read downstream.
 */
export class ExportCsvTransform extends Transform {
  private batch: ExportRow[] = [];
  private readonly importers = new Map<string, ImporterListing | undefined>();
  /** The header row, until it goes out with the first batch. */
  private header: string | null = csvRecord(EXPORT_COLUMNS);

  constructor(
    private readonly lookup: ImporterLookup,
    private readonly audience: Audience,
    private readonly batchRows: number,
  ) {
    super({ writableObjectMode: true, readableObjectMode: false, writableHighWaterMark: batchRows });
  }

  override _transform(row: ExportRow, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.batch.push(row);
    if (this.batch.length < this.batchRows) return callback();
    this.emitBatch().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.emitBatch().then(() => {
      if (this.header !== null) this.push(this.header);
      callback();
    }, callback);
  }

  /**
   * The first text goes out with the first batch (or at the end), not before: until then a
   * failing statement can still be answered with an error instead of a cut-off file.
   */
  private async emitBatch(): Promise<void> {
    const rows = this.batch;
    if (rows.length === 0) return;
    this.batch = [];
    await this.lookUpImporters(rows);
    let text = this.header ?? '';
    this.header = null;
    for (const row of rows) text += exportRecords(row, this.importers.get(row[2]), this.audience);
    this.push(text);
  }

  private async lookUpImporters(rows: readonly ExportRow[]): Promise<void> {
    const ids = [...new Set(rows.map((row) => row[2]))];
    let unseen = ids.filter((id) => !this.importers.has(id));
    if (unseen.length === 0) return;
    if (this.importers.size + unseen.length > MAX_CACHED_IMPORTERS) {
      this.importers.clear();
      unseen = ids;
    }
    const listings = await this.lookup(unseen);
    unseen.forEach((id, index) => this.importers.set(id, listings[index]));
  }
}

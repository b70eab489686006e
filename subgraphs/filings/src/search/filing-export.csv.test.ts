import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImporterListing } from '@cee-hub/importers/directory';
import { csvCell, EXPORT_COLUMNS, ExportCsvTransform, type ExportRow } from './filing-export.csv';

const PACIFIC: ImporterListing = { id: 'a1', name: 'Pacific Circuit Imports LLC', importerNumber: '95-1234567AB', participationStatus: 'PARTICIPATING', participationCenterId: 'ELECTRONICS' };
const FORMULA: ImporterListing = { ...PACIFIC, id: 'b2', name: '=HYPERLINK("http://evil.example","Click")', importerNumber: '12-3456789CD' };
const TWO_LINES = '1,8542.31.0000,KR,6000.00,2.600,156.00\n2,8542.39.0001,TW,6000.00,2.600,156.00';

function row(importerId: string, overrides: Partial<Record<number, string | null>> = {}): ExportRow {
  const base: ExportRow = ['ABC-1234567-6', '01', importerId, '2704', '2026-11-30', '2026-12-01T10:00:00.000Z', 'UNDER_REVIEW', 'ENTRY_REVIEW', 'ELECTRONICS', '12000.00', '312.00', TWO_LINES];
  for (const [index, value] of Object.entries(overrides)) (base as unknown[])[Number(index)] = value;
  return base;
}

async function exported(rows: ExportRow[], audience: 'CBP' | 'TRADE', batchRows = 2): Promise<{ lines: string[]; lookups: string[][] }> {
  const lookups: string[][] = [];
  const listings = new Map([PACIFIC, FORMULA].map((listing) => [listing.id, listing]));
  const csv = new ExportCsvTransform(async (ids) => (lookups.push([...ids]), ids.map((id) => listings.get(id))), audience, batchRows);
  const chunks: string[] = [];
  await pipeline(Readable.from(rows), csv, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk.toString('utf8'));
  });
  const text = chunks.join('');
  expect(text.endsWith('\r\n')).toBe(true);
  return { lines: text.slice(0, -2).split('\r\n'), lookups };
}

describe('ExportCsvTransform', () => {
  it('writes the header, then one record per line with the summary repeated', async () => {
    const { lines } = await exported([row('a1'), row('a1', { 0: 'ABC-1234568-4', 7: null, 8: null, 11: '1,8471.30.0100,CN,500.00,0.000,0.00' })], 'CBP');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines.slice(1)).toEqual([
      'ABC-1234567-6,01,95-1234567AB,Pacific Circuit Imports LLC,ABC,2704,2026-11-30,2026-12-01T10:00:00.000Z,UNDER_REVIEW,ENTRY_REVIEW,ELECTRONICS,12000.00,312.00,1,8542.31.0000,KR,6000.00,2.600,156.00',
      'ABC-1234567-6,01,95-1234567AB,Pacific Circuit Imports LLC,ABC,2704,2026-11-30,2026-12-01T10:00:00.000Z,UNDER_REVIEW,ENTRY_REVIEW,ELECTRONICS,12000.00,312.00,2,8542.39.0001,TW,6000.00,2.600,156.00',
      // No review yet, processed by its port.
      'ABC-1234568-4,01,95-1234567AB,Pacific Circuit Imports LLC,ABC,2704,2026-11-30,2026-12-01T10:00:00.000Z,UNDER_REVIEW,,PORT,12000.00,312.00,1,8471.30.0100,CN,500.00,0.000,0.00',
    ]);
    expect(lines.every((line) => line.split(',').length === EXPORT_COLUMNS.length)).toBe(true);
  });

  it('keeps a summary without lines, its line columns empty', async () => {
    const { lines } = await exported([row('a1', { 11: null })], 'CBP');
    expect(lines[1]!.split(',')).toHaveLength(EXPORT_COLUMNS.length);
    expect(lines[1]).toMatch(/,312\.00,,,,,,$/);
  });

  it('shows the trade the steps CBP staff work as CBP_REVIEW, as the graph does', async () => {
    const { lines } = await exported([row('a1', { 7: 'SIGN_OFF', 11: TWO_LINES.split('\n')[0]! }), row('a1', { 7: 'ACCEPTED', 11: TWO_LINES.split('\n')[0]! })], 'TRADE');
    expect(lines.slice(1).map((line) => line.split(',')[9])).toEqual(['CBP_REVIEW', 'ACCEPTED']);
  });

  it('looks each importer up once, and leaves the columns of an unlisted one empty', async () => {
    const { lines, lookups } = await exported([row('a1'), row('b2'), row('a1'), row('gone'), row('a1')], 'CBP');
    expect(lookups).toEqual([['a1', 'b2'], ['gone']]);
    expect(lines[7]!.split(',').slice(2, 4)).toEqual(['', '']);
  });

  it('writes the header alone when nothing matches', async () => {
    expect((await exported([], 'TRADE')).lines).toEqual([EXPORT_COLUMNS.join(',')]);
  });
});

describe('csvCell', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(FORMULA.name)).toBe(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csvCell('Pacific Circuit Imports LLC')).toBe('Pacific Circuit Imports LLC');
  });

  it('quotes what holds a comma, a quote or a line break', () => {
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('Line\nbreak')).toBe('"Line\nbreak"');
    expect(csvCell('')).toBe('');
  });
});

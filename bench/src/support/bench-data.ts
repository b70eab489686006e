import { adValoremDuty, formatEntryNumber } from '@cee-hub/common';
import { stableId } from '@cee-hub/db';
import { Client } from 'pg';

/** Sizes of the generated data set; from BENCH_IMPORTERS and BENCH_FILINGS. */
export interface DataSetSize {
  importers: number;
  filings: number;
  seed: number;
}

/** Mulberry32: a tiny deterministic PRNG, so every run generates the same rows. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** HTS numbers inside each Center's seeded coverage (see db/src/seed/centers.seed.ts). */
export const HTS_BY_CENTER: Readonly<Record<string, readonly string[]>> = {
  ELECTRONICS: ['8517620090', '8542310000', '8528720000', '9018390050'],
  PHARMA: ['3004909220', '2941101000'],
  AUTOMOTIVE: ['8708295160', '8708999900', '8714109000'],
  PETROLEUM: ['2709002090', '2710124500'],
  APPAREL: ['6109100012', '6403999065', '6204624011'],
  CONSUMER: ['9403600081', '9503000073'],
  AGRICULTURE: ['0804502000', '0901210000'],
  BASE_METALS: ['7208390015', '7318150000'],
  INDUSTRIAL: ['3901101000', '4011100010'],
  MACHINERY: ['8429511035', '8483409050'],
};
export const CENTER_IDS = Object.keys(HTS_BY_CENTER);

/** The filer code of generated entry numbers; the benchmarks file new ones under BENCH_FILER_CODE. */
export const DATA_FILER_CODE = 'BZ1';
export const BENCH_FILER_CODE = 'BZ2';

const CITIES: ReadonlyArray<[string, string, string]> = [
  ['Long Beach', 'CA', '90802'], ['Houston', 'TX', '77002'], ['Chicago', 'IL', '60608'], ['Savannah', 'GA', '31401'],
  ['Newark', 'NJ', '07102'], ['Seattle', 'WA', '98101'], ['Miami', 'FL', '33127'], ['Detroit', 'MI', '48243'],
];
const WORDS = ['Atlas', 'Harbor', 'Summit', 'Prairie', 'Coastal', 'Pioneer', 'Keystone', 'Liberty', 'Granite', 'Cedar', 'Meridian', 'Beacon'];
const KINDS = ['Imports LLC', 'Trading Co.', 'Supply Inc.', 'Distributors', 'Industries Corp.', 'Goods LP'];
const COUNTRIES = ['CN', 'VN', 'MX', 'DE', 'JP', 'KR', 'TW', 'IN', 'BR', 'CA'];
const STATUSES = ['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'LIQUIDATED', 'REJECTED'] as const;

export interface GeneratedImporter {
  id: string;
  centerId: string | null;
}

export interface GeneratedData {
  importers: GeneratedImporter[];
  summaries: number;
  lines: number;
  /** Participating importers by Center, for picking a Center with filings. */
  importersByCenter: Record<string, number>;
  /** Any generated importer that participates in ELECTRONICS, for filing benchmarks. */
  electronicsImporterId: string;
}

/** A progress bar on stderr. */
export function progressBar(label: string, total: number): { tick(count: number): void; done(): void } {
  let current = 0;
  let lastDrawn = -1;
  const draw = () => {
    const fraction = total === 0 ? 1 : current / total;
    const percent = Math.floor(fraction * 100);
    if (percent === lastDrawn) return;
    lastDrawn = percent;
    const width = 30;
    const filled = Math.round(fraction * width);
    process.stderr.write(`\r  ${label.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${current}/${total}`);
  };
  return {
    tick(count) {
      current += count;
      draw();
    },
    done() {
      current = total;
      draw();
      process.stderr.write('\n');
    },
  };
}

/** What varies between the generators in a summary's lines: its id, the lines' ids, the HTS numbers and countries drawn from. */
export interface LineDraws {
  summaryId: string;
  lineId(line: number): string;
  hts: readonly string[];
  country(): string;
}

/**
 * Draws the 1 to 3 lines of one generated summary (value, rate, HTS number, country), hands each
 * to `write` as an entry_summary_line row and answers the summary's totals.
 */
export function generateLines(random: () => number, draws: LineDraws, write: (row: Array<string | number>) => void): { totalValue: number; totalDuty: number } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lineTotal = 1 + Math.floor(random() * 3);
  let totalValue = 0;
  let totalDuty = 0;
  for (let line = 1; line <= lineTotal; line++) {
    const enteredValue = Math.round(random() * 50_000_000) / 100 + 100;
    const dutyRate = pick([0, 2.5, 3.9, 6.5, 10]);
    const duty = adValoremDuty(enteredValue, dutyRate);
    totalValue += enteredValue;
    totalDuty += duty;
    write([stableId(draws.lineId(line)), draws.summaryId, line, pick(draws.hts), draws.country(), enteredValue.toFixed(2), dutyRate, duty.toFixed(2)]);
  }
  return { totalValue, totalDuty };
}

async function insertRows(client: Client, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Generates the data set from `size.seed` and writes it with multi-row INSERTs straight into
 * importers.importer and filings.entry_summary(_line). Generated summaries are never FILED, so
 * the filings subgraph's sweep does not start reviews for them.
 */
export async function generateData(databaseUrl: string, size: DataSetSize): Promise<GeneratedData> {
  const random = prng(size.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const importers: GeneratedImporter[] = [];
    const importersByCenter: Record<string, number> = Object.fromEntries(CENTER_IDS.map((id) => [id, 0]));
    const bar = progressBar('importers', size.importers);
    const batch = 500;
    for (let start = 0; start < size.importers; start += batch) {
      const rows: unknown[][] = [];
      for (let i = start; i < Math.min(size.importers, start + batch); i++) {
        const id = stableId(`bench-importer:${size.seed}:${i}`);
        const participating = random() < 0.7;
        const centerId = participating ? pick(CENTER_IDS) : null;
        if (centerId) importersByCenter[centerId]! += 1;
        importers.push({ id, centerId });
        const [city, state, postalCode] = pick(CITIES);
        rows.push([
          id,
          `99-${String(i).padStart(7, '0')}00`,
          'IRS',
          `${pick(WORDS)} ${pick(WORDS)} ${pick(KINDS)} #${i}`,
          `${1 + Math.floor(random() * 9000)} Commerce Way`,
          city,
          state,
          postalCode,
          'US',
          `customs-${i}@bench-importer.example`,
          pick(['NONE', 'TIER_1', 'TIER_2', 'TIER_3']),
          random() < 0.3,
          true,
          participating ? 'PARTICIPATING' : 'NOT_PARTICIPATING',
          centerId,
          participating ? '2020-01-15' : null,
        ]);
      }
      await insertRows(
        client,
        'importers.importer',
        ['id', 'importer_number', 'importer_number_type', 'name', 'street', 'city', 'state', 'postal_code', 'country', 'contact_email',
          'ctpat_tier', 'isa_member', 'ace_account', 'participation_status', 'participation_center_id', 'participating_since'],
        rows,
      );
      bar.tick(rows.length);
    }
    bar.done();

    const summaryBar = progressBar('entry summaries', size.filings);
    let lineCount = 0;
    const now = Date.now();
    for (let start = 0; start < size.filings; start += batch) {
      const summaries: unknown[][] = [];
      const lines: unknown[][] = [];
      for (let i = start; i < Math.min(size.filings, start + batch); i++) {
        const importer = importers[Math.floor(random() * importers.length)]!;
        const entryNumber = formatEntryNumber(DATA_FILER_CODE, i + 1);
        const id = stableId(`bench-summary:${size.seed}:${entryNumber}`);
        const entryDate = new Date(now - Math.floor(random() * 700 + 20) * 86_400_000);
        const filedAt = new Date(entryDate.getTime() + 3 * 86_400_000 + Math.floor(random() * 86_400_000));
        const hts = HTS_BY_CENTER[importer.centerId ?? pick(CENTER_IDS)]!;
        const { totalValue, totalDuty } = generateLines(random, { summaryId: id, lineId: (line) => `bench-line:${entryNumber}:${line}`, hts, country: () => pick(COUNTRIES) }, (row) => lines.push(row));
        summaries.push([
          id,
          entryNumber,
          '01',
          importer.id,
          pick(['2704', '2709', '1001', '3801', '5301', '2809']),
          isoDate(entryDate),
          isoDate(entryDate),
          filedAt,
          pick(STATUSES),
          importer.centerId,
          totalValue.toFixed(2),
          totalDuty.toFixed(2),
        ]);
      }
      await insertRows(
        client,
        'filings.entry_summary',
        ['id', 'entry_number', 'entry_type', 'importer_id', 'port_of_entry', 'entry_date', 'release_date', 'filed_at', 'status',
          'processing_center_id', 'total_entered_value', 'total_duty'],
        summaries,
      );
      for (let offset = 0; offset < lines.length; offset += 1000) {
        await insertRows(
          client,
          'filings.entry_summary_line',
          ['id', 'entry_summary_id', 'line_number', 'hts_number', 'country_of_origin', 'entered_value', 'duty_rate', 'duty'],
          lines.slice(offset, offset + 1000),
        );
      }
      lineCount += lines.length;
      summaryBar.tick(summaries.length);
    }
    summaryBar.done();
    await client.query('ANALYZE');
    const electronics = importers.find((importer) => importer.centerId === 'ELECTRONICS');
    if (!electronics) throw new Error('the data set has no importer participating in ELECTRONICS; raise BENCH_IMPORTERS');
    return { importers, summaries: size.filings, lines: lineCount, importersByCenter, electronicsImporterId: electronics.id };
  } finally {
    await client.end();
  }
}

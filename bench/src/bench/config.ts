const envInt = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, not '${value}'`);
  return parsed;
};

/** The benchmark's sizes, from BENCH_* variables (see the README). */
export const BENCH_CONFIG = {
  importers: envInt('BENCH_IMPORTERS', 3000),
  filings: envInt('BENCH_FILINGS', 20000),
  subscribers: envInt('BENCH_SUBSCRIBERS', 1000),
  durationSeconds: envInt('BENCH_DURATION_SECONDS', 10),
  warmupSeconds: envInt('BENCH_WARMUP_SECONDS', 3),
  connections: envInt('BENCH_CONNECTIONS', 10),
  fanoutEvents: envInt('BENCH_FANOUT_EVENTS', 10),
  seed: envInt('BENCH_SEED', 20261128),
};

export type BenchScale = 'default' | 'national';

/** BENCH_SCALE=national: the large data set, loaded with COPY and measured by the national section only. */
export function benchScale(): BenchScale {
  const value = process.env.BENCH_SCALE ?? 'default';
  if (value !== 'default' && value !== 'national') throw new Error(`BENCH_SCALE is 'default' or 'national', not '${value}'`);
  return value;
}

/** The national scale's sizes and load (see the README): the 1,000,000 summaries by default. */
export const NATIONAL_CONFIG = {
  importers: envInt('BENCH_NATIONAL_IMPORTERS', 100_000),
  filings: envInt('BENCH_NATIONAL_FILINGS', 1_000_000),
  /** The days back from today that filings are spread over. */
  days: envInt('BENCH_NATIONAL_DAYS', 730),
  exportRows: envInt('BENCH_NATIONAL_EXPORT_ROWS', 100_000),
  connections: BENCH_CONFIG.connections,
  durationSeconds: BENCH_CONFIG.durationSeconds,
  warmupSeconds: BENCH_CONFIG.warmupSeconds,
  seed: BENCH_CONFIG.seed,
};

export type NationalConfig = typeof NATIONAL_CONFIG;

export type BenchConfig = typeof BENCH_CONFIG;

export const SECTIONS = ['reads', 'sql', 'filing', 'fanout'] as const;
export type Section = (typeof SECTIONS)[number];

/** BENCH_ONLY=reads,fanout runs some sections, for working on one measure; only a full run writes the report. */
export function selectedSections(): ReadonlySet<Section> {
  const value = process.env.BENCH_ONLY;
  if (!value) return new Set(SECTIONS);
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names sections among ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  return new Set(names as Section[]);
}

import { formatEntryNumber } from '@cee-hub/common';
import { stableId } from '@cee-hub/db';
import { Client } from 'pg';
import { CopyWriter } from './copy-writer';
import { CENTER_IDS, DATA_FILER_CODE, generateLines, HTS_BY_CENTER, prng, progressBar } from './bench-data';

/** Sizes of the national data set (BENCH_NATIONAL_*). */
export interface NationalSize {
  importers: number;
  filings: number;
  /** Filings are spread over this many days back from now. */
  days: number;
  seed: number;
}

/** What was loaded, and how long each phase of the load took. */
export interface NationalData {
  importers: number;
  participatingImporters: number;
  summaries: number;
  lines: number;
  events: number;
  reviews: number;
  /** Reviews at a step that is not final now. */
  openReviews: number;
  /** Participating importers by Center. */
  importersByCenter: Record<string, number>;
  timings: { copyMs: number; constraintsMs: number; indexesMs: number; rollupsMs: number; vacuumAnalyzeMs: number; totalMs: number };
  /** Whether the secondary indexes and foreign keys were dropped for the COPY and rebuilt after it. */
  rebuiltIndexes: boolean;
}

/** An importer of the national set: its id, its Center (null: processed by the ports) and a contact. */
interface NationalImporter {
  id: string;
  centerId: string | null;
  email: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The default step SLA of the review workflow (REVIEW_STEP_SLA): a staff step is due two days after it starts. */
const STEP_SLA_MS = 2 * DAY_MS;
const CF28_WINDOW_MS = 30 * DAY_MS;
const CF29_WINDOW_MS = 20 * DAY_MS;
/** Liquidation about 314 days after entry (DESIGN.md). */
const LIQUIDATION_MS = 314 * DAY_MS;

const WORDS = ['Atlas', 'Harbor', 'Summit', 'Prairie', 'Coastal', 'Pioneer', 'Keystone', 'Liberty', 'Granite', 'Cedar', 'Meridian', 'Beacon'];
const KINDS = ['Imports LLC', 'Trading Co.', 'Supply Inc.', 'Distributors', 'Industries Corp.', 'Goods LP'];
const COUNTRIES = ['CN', 'VN', 'MX', 'DE', 'JP', 'KR', 'TW', 'IN', 'BR', 'CA', 'IT', 'TH'];
const CITIES: ReadonlyArray<[string, string, string]> = [
  ['Long Beach', 'CA', '90802'], ['Houston', 'TX', '77002'], ['Chicago', 'IL', '60608'], ['Savannah', 'GA', '31401'],
  ['Newark', 'NJ', '07102'], ['Seattle', 'WA', '98101'], ['Miami', 'FL', '33127'], ['Detroit', 'MI', '48243'],
];
/** Schedule D ports of entry, the busiest first (picked with a skew). */
const PORTS = ['2704', '1001', '5301', '2709', '3901', '1303', '4601', '2809', '5201', '3004', '1703', '2304', '0712', '3801', '1401', '2002'];
const STAFF_PER_CENTER = { ENTRY_SPECIALIST: 12, IMPORT_SPECIALIST: 6, SUPERVISOR: 3 } as const;

type Role = keyof typeof STAFF_PER_CENTER;
type Step = 'ENTRY_REVIEW' | 'IMPORT_REVIEW' | 'AWAITING_INFORMATION' | 'SIGN_OFF' | 'AWAITING_NOTICE_RESPONSE' | 'RETURNED' | 'RISK' | 'ACCEPTED' | 'REJECTED' | 'LIQUIDATED';
type Status = 'FILED' | 'UNDER_REVIEW' | 'RETURNED' | 'ACCEPTED' | 'REJECTED' | 'LIQUIDATED';

interface Actor {
  actor: string;
  role: string;
}

/** One event of a generated review's path, and the review's state right after it. */
interface PathEvent {
  type: string;
  at: number;
  who: Actor;
  status: Status;
  step: Step;
  claimedBy?: Actor | null;
  pending?: { kind: 'CF28' | 'CF29' | 'REJECTION'; details: string; changeKind: string | null; proposedBy: Actor } | null;
  responseDueAt?: number | null;
  /** The staff step entered now: its SLA runs from here. */
  staffStepStarted?: boolean;
}

const SYSTEM: Actor = { actor: 'review-workflow', role: 'SYSTEM' };

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);

/** The filings tables the COPY writes, whose secondary indexes and foreign keys may be rebuilt after it. */
const LOADED_TABLES = ['filings.entry_summary', 'filings.entry_summary_line', 'filings.filing_event', 'filings.review'];

interface Rebuild {
  indexes: string[];
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
}

/**
 * Drops the loaded tables' foreign keys (the four COPYs run at once, so a review may arrive before
 * its summary) and, with `dropIndexes`, their secondary indexes (not those of constraints);
 * answers how to put them back. Their triggers (the statistics' rollups) are disabled: the
 * rollups are built once after the load, from all of it.
 */
async function dropForLoad(client: Client, dropIndexes: boolean): Promise<Rebuild> {
  const tables = LOADED_TABLES.map((table) => `'${table}'::regclass`).join(', ');
  const indexes = (await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE ${dropIndexes} AND i.indrelid IN (${tables}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  )).rows;
  const foreignKeys = (await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE contype = 'f' AND conrelid IN (${tables})`,
  )).rows;
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  for (const table of LOADED_TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  return { indexes: indexes.map((index) => index.definition), foreignKeys };
}

/**
 * Generates the national data set from `size.seed` with the benchmark's PRNG and loads it with
 * COPY FROM STDIN: importers across the ten Centers and the ports, summaries filed in
 * order over `size.days` days with one to three lines, and for each its review as the workflow would have
 * left it (most accepted, automatically or by staff; CF-28s, CF-29s, returns and rejections;
 * the recent ones still open at a staff step) with the events of that path. The foreign keys
 * are dropped for the load and validated once after it; with `rebuildIndexes`, the secondary
 * indexes too. Then VACUUM ANALYZE, as autovacuum would have left a table of that age.
 */
export async function loadNationalData(databaseUrl: string, size: NationalSize, options: { rebuildIndexes: boolean; log: (line: string) => void }): Promise<NationalData> {
  const started = Date.now();
  const random = prng(size.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const skewed = <T>(items: readonly T[]): T => items[Math.floor(random() * random() * items.length)]!;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rebuild = await dropForLoad(client, options.rebuildIndexes);
    const copyStarted = Date.now();

    const importers: NationalImporter[] = [];
    const importersByCenter: Record<string, number> = Object.fromEntries(CENTER_IDS.map((id) => [id, 0]));
    const importerCopy = await CopyWriter.open(databaseUrl, 'importers.importer', [
      'id', 'importer_number', 'importer_number_type', 'name', 'street', 'city', 'state', 'postal_code', 'country', 'contact_email',
      'ctpat_tier', 'isa_member', 'ace_account', 'participation_status', 'participation_center_id', 'participating_since',
    ]);
    const importerBar = progressBar('importers', size.importers);
    for (let i = 0; i < size.importers; i++) {
      const id = stableId(`bench-national-importer:${size.seed}:${i}`);
      const participating = random() < 0.7;
      const centerId = participating ? pick(CENTER_IDS) : null;
      if (centerId) importersByCenter[centerId]! += 1;
      const email = `customs-${i}@national-importer.example`;
      importers.push({ id, centerId, email });
      const [city, state, postalCode] = pick(CITIES);
      importerCopy.row([
        id, `98-${String(i).padStart(7, '0')}00`, 'IRS', `${pick(WORDS)} ${pick(WORDS)} ${pick(KINDS)} #${i}`, `${1 + Math.floor(random() * 9000)} Commerce Way`,
        city, state, postalCode, 'US', email, pick(['NONE', 'TIER_1', 'TIER_2', 'TIER_3']), random() < 0.3, true,
        participating ? 'PARTICIPATING' : 'NOT_PARTICIPATING', centerId, participating ? '2020-01-15' : null,
      ]);
      if (i % 5000 === 4999) {
        importerBar.tick(5000);
        await importerCopy.drained();
      }
    }
    importerBar.done();
    await importerCopy.end();

    // Staff of each Center (emails only: events name their actor), and admins for the ports' filings.
    const staff = (centerId: string | null, role: Role): Actor => {
      if (centerId === null) return { actor: `admin${1 + Math.floor(random() * 4)}@cbp.example`, role: 'ADMIN' };
      const count = STAFF_PER_CENTER[role];
      return { actor: `${role.toLowerCase().replace('_', '-')}${1 + Math.floor(random() * count)}.${centerId.toLowerCase()}@cbp.example`, role };
    };

    const summaryCopy = await CopyWriter.open(databaseUrl, 'filings.entry_summary', [
      'id', 'entry_number', 'entry_type', 'importer_id', 'port_of_entry', 'entry_date', 'release_date', 'filed_at', 'status',
      'processing_center_id', 'total_entered_value', 'total_duty', 'created_at', 'updated_at',
    ]);
    const lineCopy = await CopyWriter.open(databaseUrl, 'filings.entry_summary_line', [
      'id', 'entry_summary_id', 'line_number', 'hts_number', 'country_of_origin', 'entered_value', 'duty_rate', 'duty',
    ]);
    const eventCopy = await CopyWriter.open(databaseUrl, 'filings.filing_event', ['entry_summary_id', 'type', 'from_status', 'to_status', 'actor', 'actor_role', 'note', 'occurred_at']);
    const reviewCopy = await CopyWriter.open(databaseUrl, 'filings.review', [
      'entry_summary_id', 'workflow_id', 'step', 'processing_center_id', 'risk_score', 'risk_reasons', 'claimed_by', 'claimed_by_email', 'step_due_at',
      'escalated', 'pending_kind', 'pending_details', 'pending_change_kind', 'proposed_by', 'proposed_by_email', 'response_due_at', 'liquidation_date',
      'version', 'last_seq', 'state', 'updated_at',
    ]);
    const writers = [summaryCopy, lineCopy, eventCopy, reviewCopy];

    const now = Date.now();
    const start = now - size.days * DAY_MS;
    // The last filing is ten minutes old: every review has left its automatic first step.
    const spacing = (size.days * DAY_MS - 10 * 60_000) / size.filings;
    let openReviews = 0;
    const bar = progressBar('entry summaries', size.filings);
    for (let i = 0; i < size.filings; i++) {
      // Some importers file far more than others: the square of a uniform favours the first.
      const importer = importers[Math.floor(random() * random() * importers.length)]!;
      const entryNumber = formatEntryNumber(DATA_FILER_CODE, i + 1);
      const id = stableId(`bench-national-summary:${size.seed}:${entryNumber}`);
      // In filing order, as a real table grows: oldest first, so the heap follows filed_at.
      const filedAt = Math.floor(start + (i + random()) * spacing);
      const entryDate = filedAt - (1 + Math.floor(random() * 9)) * DAY_MS;
      const hts = HTS_BY_CENTER[importer.centerId ?? pick(CENTER_IDS)]!;
      const { totalValue, totalDuty } = generateLines(random, { summaryId: id, lineId: (line) => `bench-national-line:${entryNumber}:${line}`, hts, country: () => skewed(COUNTRIES) }, (row) => lineCopy.row(row));

      const path = reviewPath(importer, filedAt, entryDate, now, random, staff);
      const last = path[path.length - 1]!;
      let claimedBy: Actor | null = null;
      let pending: PathEvent['pending'] = null;
      let responseDueAt: number | null = null;
      let stepStartedAt = filedAt;
      let previousStatus: Status | null = null;
      for (const event of path) {
        if (event.claimedBy !== undefined) claimedBy = event.claimedBy;
        if (event.pending !== undefined) pending = event.pending;
        if (event.responseDueAt !== undefined) responseDueAt = event.responseDueAt;
        if (event.staffStepStarted) stepStartedAt = event.at;
        eventCopy.row([id, event.type, previousStatus, event.status, event.who.actor, event.who.role, null, iso(event.at)]);
        previousStatus = event.status;
      }
      const staffStep = last.step === 'ENTRY_REVIEW' || last.step === 'IMPORT_REVIEW' || last.step === 'SIGN_OFF';
      const stepDueAt = staffStep ? stepStartedAt + STEP_SLA_MS : null;
      let escalated = false;
      let seq = path.length;
      if (stepDueAt !== null && stepDueAt < now) {
        // The workflow escalates a staff step once, when it passes its SLA.
        escalated = true;
        seq += 1;
        eventCopy.row([id, 'ESCALATED', last.status, last.status, SYSTEM.actor, SYSTEM.role, `step ${last.step} passed its SLA`, iso(stepDueAt)]);
      }
      const final = last.step === 'ACCEPTED' || last.step === 'REJECTED' || last.step === 'LIQUIDATED';
      if (!final) openReviews += 1;
      const liquidationDate = last.step === 'ACCEPTED' || last.step === 'LIQUIDATED' ? isoDay(entryDate + LIQUIDATION_MS) : null;
      const riskScore = path.length > 2 || last.type !== 'ACCEPTED' ? 40 + Math.floor(random() * 60) : Math.floor(random() * 30);
      const riskReasons = riskScore >= 40 ? ['entered value above the Center threshold'] : [];
      const state = {
        entrySummaryId: id,
        entryNumber,
        importerId: importer.id,
        centerId: importer.centerId,
        step: last.step,
        status: last.status,
        version: seq,
        seq,
        risk: { score: riskScore, reasons: riskReasons, lowRisk: riskScore < 40 },
        claimedBy: claimedBy ? { id: claimedBy.actor, email: claimedBy.actor } : null,
        stepDueAt: stepDueAt === null ? null : iso(stepDueAt),
        escalated,
        pending: pending
          ? { kind: pending.kind, details: pending.details, changeKind: pending.changeKind, proposedBy: { id: pending.proposedBy.actor, email: pending.proposedBy.actor }, signedOffBy: null, response: null, respondedAt: null }
          : null,
        responseDueAt: responseDueAt === null ? null : iso(responseDueAt),
        liquidationDate,
      };
      reviewCopy.row([
        id, `review-${entryNumber}`, last.step, importer.centerId, riskScore, JSON.stringify(riskReasons), claimedBy?.actor ?? null, claimedBy?.actor ?? null,
        stepDueAt === null ? null : iso(stepDueAt), escalated, pending?.kind ?? null, pending?.details ?? null, pending?.changeKind ?? null,
        pending?.proposedBy.actor ?? null, pending?.proposedBy.actor ?? null, responseDueAt === null ? null : iso(responseDueAt), liquidationDate,
        seq, seq, JSON.stringify(state), iso(last.at),
      ]);
      summaryCopy.row([
        id, entryNumber, '01', importer.id, skewed(PORTS), isoDay(entryDate), isoDay(entryDate), iso(filedAt), last.status, importer.centerId,
        totalValue.toFixed(2), totalDuty.toFixed(2), iso(filedAt), iso(last.at),
      ]);
      if (i % 1000 === 999) {
        bar.tick(1000);
        await Promise.all(writers.map((writer) => writer.drained()));
      }
    }
    bar.done();
    options.log('  waiting for PostgreSQL to take the last rows…');
    await Promise.all(writers.map((writer) => writer.end()));
    const copyMs = Date.now() - copyStarted;

    let constraintsMs = 0;
    let indexesMs = 0;
    {
      const indexesStarted = Date.now();
      await client.query(`SET maintenance_work_mem = '512MB'`);
      const indexBar = progressBar('indexes', rebuild.indexes.length);
      for (const definition of rebuild.indexes) {
        await client.query(definition);
        indexBar.tick(1);
      }
      indexBar.done();
      indexesMs = Date.now() - indexesStarted;
      const constraintsStarted = Date.now();
      const keyBar = progressBar('foreign keys', rebuild.foreignKeys.length);
      for (const fk of rebuild.foreignKeys) {
        await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
        keyBar.tick(1);
      }
      keyBar.done();
      constraintsMs = Date.now() - constraintsStarted;
    }
    options.log('  statistics rollups…');
    const rollupsStarted = Date.now();
    for (const table of LOADED_TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query(`DELETE FROM filings.statistics_rollup`);
    await client.query(`INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty, compacted) SELECT *, true FROM filings.statistics_of(NULL)`);
    const rollupsMs = Date.now() - rollupsStarted;
    options.log('  VACUUM ANALYZE…');
    const vacuumStarted = Date.now();
    for (const table of ['importers.importer', ...LOADED_TABLES, 'filings.statistics_rollup']) await client.query(`VACUUM (ANALYZE) ${table}`);
    const vacuumAnalyzeMs = Date.now() - vacuumStarted;
    return {
      importers: size.importers,
      participatingImporters: Object.values(importersByCenter).reduce((sum, count) => sum + count, 0),
      summaries: summaryCopy.rows,
      lines: lineCopy.rows,
      events: eventCopy.rows,
      reviews: reviewCopy.rows,
      openReviews,
      importersByCenter,
      timings: { copyMs, constraintsMs, indexesMs, rollupsMs, vacuumAnalyzeMs, totalMs: Date.now() - started },
      rebuiltIndexes: options.rebuildIndexes,
    };
  } finally {
    await client.end();
  }
}

/**
 * The events a review of this filing would have recorded by `now`: the whole path of its
 * outcome, cut at the first event still in the future (so recent filings are open at a step).
 */
function reviewPath(
  importer: NationalImporter,
  filedAt: number,
  entryDate: number,
  now: number,
  random: () => number,
  staff: (centerId: string | null, role: Role) => Actor,
): PathEvent[] {
  const filer: Actor = { actor: importer.email, role: 'IMPORTER' };
  const center = importer.centerId;
  const events: PathEvent[] = [{ type: 'FILED', at: filedAt, who: filer, status: 'FILED', step: 'RISK' }];
  let at = filedAt + 30_000 + Math.floor(random() * 60_000);
  const later = (maxMs: number) => (at += 60_000 + Math.floor(random() * maxMs));
  const outcome = random();
  if (outcome < 0.6) {
    events.push({ type: 'ACCEPTED', at, who: SYSTEM, status: 'ACCEPTED', step: 'ACCEPTED' });
  } else {
    events.push({ type: 'REVIEW_STARTED', at, who: SYSTEM, status: 'UNDER_REVIEW', step: 'ENTRY_REVIEW', staffStepStarted: true });
    const entrySpecialist = staff(center, 'ENTRY_SPECIALIST');
    events.push({ type: 'REVIEW_CLAIMED', at: later(30 * HOUR_MS), who: entrySpecialist, status: 'UNDER_REVIEW', step: 'ENTRY_REVIEW', claimedBy: entrySpecialist });
    const path = (outcome - 0.6) / 0.4;
    if (path < 0.65) {
      events.push({ type: 'ACCEPTED', at: later(20 * HOUR_MS), who: entrySpecialist, status: 'ACCEPTED', step: 'ACCEPTED', claimedBy: null });
    } else if (path < 0.88) {
      const cf28 = path < 0.8;
      const importSpecialist = staff(center, 'IMPORT_SPECIALIST');
      events.push({ type: 'REFERRED', at: later(8 * HOUR_MS), who: entrySpecialist, status: 'UNDER_REVIEW', step: 'IMPORT_REVIEW', claimedBy: null, staffStepStarted: true });
      events.push({ type: 'REVIEW_CLAIMED', at: later(30 * HOUR_MS), who: importSpecialist, status: 'UNDER_REVIEW', step: 'IMPORT_REVIEW', claimedBy: importSpecialist });
      if (cf28) {
        const details = 'Provide the commercial invoice and the mill certificate';
        events.push({ type: 'CF28_ISSUED', at: later(8 * HOUR_MS), who: importSpecialist, status: 'UNDER_REVIEW', step: 'AWAITING_INFORMATION', pending: { kind: 'CF28', details, changeKind: null, proposedBy: importSpecialist }, responseDueAt: at + CF28_WINDOW_MS });
        events.push({ type: 'CF28_ANSWERED', at: later(20 * DAY_MS), who: filer, status: 'UNDER_REVIEW', step: 'IMPORT_REVIEW', pending: null, responseDueAt: null, staffStepStarted: true });
      } else {
        const supervisor = staff(center, 'SUPERVISOR');
        const details = 'RATE: the goods classify under a heading with a higher rate';
        events.push({ type: 'CF29_PROPOSED', at: later(8 * HOUR_MS), who: importSpecialist, status: 'UNDER_REVIEW', step: 'SIGN_OFF', pending: { kind: 'CF29', details, changeKind: 'RATE', proposedBy: importSpecialist }, staffStepStarted: true });
        events.push({ type: 'CF29_ISSUED', at: later(20 * HOUR_MS), who: supervisor, status: 'UNDER_REVIEW', step: 'AWAITING_NOTICE_RESPONSE', responseDueAt: at + CF29_WINDOW_MS });
        events.push({ type: 'CF29_RESPONDED', at: later(15 * DAY_MS), who: filer, status: 'UNDER_REVIEW', step: 'IMPORT_REVIEW', pending: null, responseDueAt: null, staffStepStarted: true });
      }
      events.push({ type: 'ACCEPTED', at: later(20 * HOUR_MS), who: importSpecialist, status: 'ACCEPTED', step: 'ACCEPTED', claimedBy: null });
    } else if (path < 0.95) {
      events.push({ type: 'RETURNED', at: later(8 * HOUR_MS), who: entrySpecialist, status: 'RETURNED', step: 'RETURNED', claimedBy: null });
      events.push({ type: 'CORRECTED', at: later(5 * DAY_MS), who: filer, status: 'FILED', step: 'RISK' });
      events.push({ type: 'ACCEPTED', at: later(60_000), who: SYSTEM, status: 'ACCEPTED', step: 'ACCEPTED' });
    } else {
      const supervisor = staff(center, 'SUPERVISOR');
      const details = 'the goods are not admissible as declared';
      events.push({ type: 'REJECTION_PROPOSED', at: later(8 * HOUR_MS), who: entrySpecialist, status: 'UNDER_REVIEW', step: 'SIGN_OFF', pending: { kind: 'REJECTION', details, changeKind: null, proposedBy: entrySpecialist }, staffStepStarted: true });
      events.push({ type: 'REJECTED', at: later(20 * HOUR_MS), who: supervisor, status: 'REJECTED', step: 'REJECTED', claimedBy: null, pending: null });
    }
  }
  const last = events[events.length - 1]!;
  if (last.step === 'ACCEPTED' && entryDate + LIQUIDATION_MS < now) {
    events.push({ type: 'LIQUIDATED', at: entryDate + LIQUIDATION_MS, who: SYSTEM, status: 'LIQUIDATED', step: 'LIQUIDATED' });
  }
  const cut = events.findIndex((event) => event.at > now);
  return cut === -1 ? events : events.slice(0, Math.max(1, cut));
}

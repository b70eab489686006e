import { formatEntryNumber, type Identity } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import type { System } from '@cee-hub/launcher/testing';
import { BENCH_FILER_CODE, type GeneratedData } from '../support/bench-data';
import type { BenchConfig } from './config';
import type { ProcessSpec } from './processes';

export const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };

/** What every section of the benchmark measures with. */
export interface BenchContext {
  system: System;
  config: BenchConfig;
  data: GeneratedData;
  /** The processes whose memory and CPU are sampled. */
  specs: ProcessSpec[];
  /** The admin's token for our gateway. */
  gatewayHeaders: Record<string, string>;
  log: (line: string) => void;
}

/** The admin's identity as a subgraph accepts it; internal tokens live 60 s, so each run signs afresh. */
export const internalHeaders = (context: BenchContext) => context.system.internalHeadersFor(ADMIN);

const QUIET_MS = 3_000;

/** Waits until no filing event has been written for 3 s (at most 90 s): the review workflows of earlier filings are done. */
export async function settleEvents(system: System): Promise<void> {
  let last: string | undefined;
  let stableSince = Date.now();
  const quiet = (current: string) => {
    if (current !== last) {
      last = current;
      stableSince = Date.now();
    }
    return Date.now() - stableSince >= QUIET_MS;
  };
  const latest = async () => (await system.sql<{ max: string | null }>('SELECT max(id)::text AS max FROM filings.filing_event'))[0]?.max ?? '';
  // Still busy after 90 s: measure anyway, as before a deadline.
  await eventually('the filing events to settle', latest, quiet, { timeoutMs: 90_000, intervalMs: 500 }).catch(() => undefined);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The body of a fileEntrySummary mutation for the Electronics importer, under the benchmark's filer code. */
export function filingBody(context: BenchContext, serial: number, enteredValue: number, selection: string): string {
  return JSON.stringify({
    query: `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) ${selection} }`,
    variables: {
      input: {
        entryNumber: formatEntryNumber(BENCH_FILER_CODE, serial),
        entryType: '01',
        importerId: context.data.electronicsImporterId,
        portOfEntry: '2704',
        entryDate: today(),
        releaseDate: today(),
        lines: [{ htsNumber: '8517.62.0090', countryOfOrigin: 'CN', enteredValue, dutyRate: 0 }],
      },
    },
  });
}

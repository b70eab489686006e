import { formatEntryNumber, subtractWorkingDays, today } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import type { Caller, System } from './system';

/** A working day `count` working days before today, so the 10-working-day rule holds whenever this runs. */
export function workingDaysAgo(count: number): string {
  return subtractWorkingDays(today(), count);
}

// Random per process, so a database kept from run to run (an external one) is not sent a number twice.
let serial = Math.floor(Math.random() * 1_000_000) * 3;

/** A valid entry number not used before in this run. */
export function freshEntryNumber(filerCode = 'E2E'): string {
  serial += 1;
  return formatEntryNumber(filerCode, serial % 10_000_000);
}

/** A valid, low-risk entry summary for an importer; override fields to change it. */
export function entrySummaryInput(importerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const entryDate = workingDaysAgo(2);
  return {
    entryNumber: freshEntryNumber(),
    entryType: '01',
    importerId,
    portOfEntry: '2704',
    entryDate,
    releaseDate: entryDate,
    lines: [
      { htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 12_500.5, dutyRate: 0 },
      { htsNumber: '8708.29.5160', countryOfOrigin: 'MX', enteredValue: 1_000, dutyRate: 2.5 },
    ],
    ...overrides,
  };
}

/** A filing with its review and events, as staff and importers read it through the gateway. */
const FILING_STATE = `query($id: ID!) {
  filing(id: $id) { id status review { step version availableActions claimedBy { email } } events { type toStatus } }
}`;

/** Reads a filing through the gateway as `as` until `done` accepts it, and answers it. */
export async function waitForFiling(system: System, id: string, as: Caller, done: (filing: any) => boolean, timeoutMs = 60_000): Promise<any> {
  const { data } = await eventually(`filing ${id} to get there`, () => system.query(FILING_STATE, { id }, as), ({ data }) => data?.filing != null && done(data.filing), { timeoutMs });
  return data!.filing;
}

/** An importer's onboarding and participation, as it reads them. */
const ONBOARDING_STATE = `{ me {
  onboarding { state step reasons proposedCenter { id name } center { id } availableActions events { type } }
  participation { status center { id name } accountManager { email } }
} }`;

/** Reads the onboarding of importer `as` until it is in one of `states`, and answers `me`. */
export async function waitForOnboarding(system: System, as: Caller, states: string[], timeoutMs = 60_000): Promise<any> {
  const { data } = await eventually(`the onboarding to reach ${states.join('/')}`, () => system.query(ONBOARDING_STATE, undefined, as), ({ data }) => states.includes(data?.me?.onboarding?.state), { timeoutMs });
  return data!.me;
}

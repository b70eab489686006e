import { formatEntryNumber, subtractWorkingDays, today } from '@cee-hub/common';

/** A working day `count` working days before today, so the 10-working-day rule holds whenever this runs. */
export function workingDaysAgo(count: number): string {
  return subtractWorkingDays(today(), count);
}

let serial = Math.floor(Math.random() * 1_000_000) * 3;

/** A valid entry number not used before in this run. */
export function freshEntryNumber(filerCode = 'E2E'): string {
  serial += 1;
  return formatEntryNumber(filerCode, serial % 10_000_000);
}

/** A valid entry summary for an importer; override fields to make it invalid. */
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


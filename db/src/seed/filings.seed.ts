import { adValoremDuty, formatEntryNumber, sumAmounts } from '@cee-hub/common';
import type { FilingEventRow, FilingStatus } from '../entities/filings';
import { importerRows } from './importers.seed';
import { stableId } from './stable-id';

interface LineSeed {
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
}

interface SummarySeed {
  importerNumber: string;
  filerCode: string;
  serial: number;
  entryType: string;
  portOfEntry: string;
  entryDate: string;
  status: FilingStatus;
  lines: LineSeed[];
}

const summaries: SummarySeed[] = [
  { importerNumber: '95-123456700', filerCode: 'PCI', serial: 1000101, entryType: '01', portOfEntry: '2704', entryDate: '2026-10-05', status: 'ACCEPTED', lines: [
    { htsNumber: '8471300100', countryOfOrigin: 'TW', enteredValue: 184_500, dutyRate: 0 },
    { htsNumber: '8542310000', countryOfOrigin: 'KR', enteredValue: 62_250.5, dutyRate: 0 },
  ] },
  { importerNumber: '95-123456700', filerCode: 'PCI', serial: 1000102, entryType: '01', portOfEntry: '2709', entryDate: '2026-11-16', status: 'FILED', lines: [
    { htsNumber: '8517620090', countryOfOrigin: 'VN', enteredValue: 97_300, dutyRate: 0 },
  ] },
  { importerNumber: '13-987654300', filerCode: 'H7P', serial: 2000001, entryType: '01', portOfEntry: '1001', entryDate: '2026-11-10', status: 'FILED', lines: [
    { htsNumber: '3004909220', countryOfOrigin: 'IE', enteredValue: 410_000, dutyRate: 0 },
    { htsNumber: '2941101000', countryOfOrigin: 'IN', enteredValue: 35_780.25, dutyRate: 0 },
  ] },
  { importerNumber: '38-246813500', filerCode: '3GL', serial: 3000001, entryType: '01', portOfEntry: '3801', entryDate: '2026-11-12', status: 'FILED', lines: [
    { htsNumber: '8708295160', countryOfOrigin: 'MX', enteredValue: 128_400, dutyRate: 2.5 },
    { htsNumber: '8511100000', countryOfOrigin: 'JP', enteredValue: 18_920, dutyRate: 2.5 },
  ] },
  { importerNumber: '38-246813500', filerCode: '3GL', serial: 3000002, entryType: '03', portOfEntry: '3802', entryDate: '2026-10-20', status: 'ACCEPTED', lines: [
    { htsNumber: '8708999900', countryOfOrigin: 'CN', enteredValue: 44_150, dutyRate: 2.5 },
  ] },
  { importerNumber: '76-135792400', filerCode: 'G4C', serial: 4000001, entryType: '01', portOfEntry: '5301', entryDate: '2026-11-13', status: 'FILED', lines: [
    { htsNumber: '2709002090', countryOfOrigin: 'SA', enteredValue: 2_450_000, dutyRate: 0.053 },
  ] },
  { importerNumber: '94-555123401', filerCode: 'GG9', serial: 5000001, entryType: '02', portOfEntry: '2809', entryDate: '2026-11-09', status: 'FILED', lines: [
    { htsNumber: '6109100012', countryOfOrigin: 'BD', enteredValue: 56_000, dutyRate: 16.5 },
    { htsNumber: '6403999065', countryOfOrigin: 'VN', enteredValue: 23_400, dutyRate: 10 },
  ] },
  { importerNumber: '58-777888900', filerCode: 'P8H', serial: 6000001, entryType: '01', portOfEntry: '1703', entryDate: '2026-11-17', status: 'FILED', lines: [
    { htsNumber: '9403600081', countryOfOrigin: 'VN', enteredValue: 71_800, dutyRate: 0 },
    { htsNumber: '9503000073', countryOfOrigin: 'CN', enteredValue: 12_345.67, dutyRate: 0 },
  ] },
  { importerNumber: '59-314159200', filerCode: 'S5P', serial: 7000001, entryType: '01', portOfEntry: '5206', entryDate: '2026-11-18', status: 'FILED', lines: [
    { htsNumber: '0804502000', countryOfOrigin: 'MX', enteredValue: 18_600, dutyRate: 0 },
  ] },
  { importerNumber: '36-271828100', filerCode: 'M2S', serial: 8000001, entryType: '03', portOfEntry: '3901', entryDate: '2026-11-11', status: 'FILED', lines: [
    { htsNumber: '7208390015', countryOfOrigin: 'BR', enteredValue: 302_000, dutyRate: 0 },
  ] },
  { importerNumber: '74-161803300', filerCode: 'R1G', serial: 9000001, entryType: '01', portOfEntry: '2304', entryDate: '2026-11-16', status: 'FILED', lines: [
    { htsNumber: '8429511035', countryOfOrigin: 'DE', enteredValue: 215_000, dutyRate: 0 },
    { htsNumber: '8483409050', countryOfOrigin: 'MX', enteredValue: 9_880, dutyRate: 2.8 },
  ] },
  { importerNumber: '130415-00023', filerCode: '7NP', serial: 1100001, entryType: '11', portOfEntry: '0901', entryDate: '2026-11-19', status: 'FILED', lines: [
    { htsNumber: '3901101000', countryOfOrigin: 'CA', enteredValue: 2_150, dutyRate: 6.5 },
  ] },
];

export interface EntrySummarySeedRow {
  id: string;
  entryNumber: string;
  entryType: string;
  importerId: string;
  portOfEntry: string;
  entryDate: string;
  releaseDate: string;
  filedAt: Date;
  status: FilingStatus;
  processingCenterId: string | null;
  totalEnteredValue: number;
  totalDuty: number;
}

export interface LineSeedRow extends LineSeed {
  id: string;
  entrySummaryId: string;
  lineNumber: number;
  duty: number;
}

/** A seeded event: its id comes from the sequence, and seeded steps carry no documents (the column's default). */
export type EventSeedRow = Omit<FilingEventRow, 'id' | 'documentIds'>;

const centerOf = new Map(importerRows.map((row) => [row.importerNumber, row.participationCenterId]));
const idOf = new Map(importerRows.map((row) => [row.importerNumber, row.id]));
const emailOf = new Map(importerRows.map((row) => [row.importerNumber, row.contactEmail]));

export const entrySummaryRows: EntrySummarySeedRow[] = [];
export const lineRows: LineSeedRow[] = [];
export const eventRows: EventSeedRow[] = [];

for (const summary of summaries) {
  const entryNumber = formatEntryNumber(summary.filerCode, summary.serial);
  const id = stableId(`entry-summary:${entryNumber}`);
  const lines = summary.lines.map((line, index) => ({
    ...line,
    id: stableId(`entry-summary-line:${entryNumber}:${index + 1}`),
    entrySummaryId: id,
    lineNumber: index + 1,
    duty: adValoremDuty(line.enteredValue, line.dutyRate),
  }));
  const filedAt = new Date(`${summary.entryDate}T15:00:00Z`);
  filedAt.setUTCDate(filedAt.getUTCDate() + 3);
  entrySummaryRows.push({
    id,
    entryNumber,
    entryType: summary.entryType,
    importerId: idOf.get(summary.importerNumber)!,
    portOfEntry: summary.portOfEntry,
    entryDate: summary.entryDate,
    releaseDate: summary.entryDate,
    filedAt,
    status: summary.status,
    processingCenterId: centerOf.get(summary.importerNumber) ?? null,
    totalEnteredValue: sumAmounts(lines.map((line) => line.enteredValue)),
    totalDuty: sumAmounts(lines.map((line) => line.duty)),
  });
  lineRows.push(...lines);
  eventRows.push({ entrySummaryId: id, type: 'FILED', fromStatus: null, toStatus: 'FILED', actor: emailOf.get(summary.importerNumber)!, actorRole: 'IMPORTER', note: null, occurredAt: filedAt });
  if (summary.status === 'ACCEPTED') {
    const acceptedAt = new Date(filedAt.getTime() + 2 * 86_400_000);
    eventRows.push({ entrySummaryId: id, type: 'STATUS_CHANGED', fromStatus: 'FILED', toStatus: 'ACCEPTED', actor: 'seed', actorRole: 'SYSTEM', note: 'Accepted (seed data)', occurredAt: acceptedAt });
  }
}

import { parseEntryNumber, parseHtsNumber, parseImporterNumber } from '@cee-hub/common';
import { centerRows, coverageRows, staffRows } from './centers.seed';
import { entrySummaryRows, lineRows } from './filings.seed';
import { importerRows, noticeRows } from './importers.seed';

describe('seed data', () => {
  it('has the ten Centers with every role in each (two entry specialists and two supervisors), plus two admins', () => {
    expect(centerRows.map((c) => c.id).sort()).toEqual(['AGRICULTURE', 'APPAREL', 'AUTOMOTIVE', 'BASE_METALS', 'CONSUMER', 'ELECTRONICS', 'INDUSTRIAL', 'MACHINERY', 'PETROLEUM', 'PHARMA']);
    for (const center of centerRows) {
      expect(staffRows.filter((s) => s.centerId === center.id).map((s) => s.role).sort()).toEqual(
        ['ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ENTRY_SPECIALIST', 'ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'SUPERVISOR'],
      );
      const names = staffRows.filter((s) => s.centerId === center.id).map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(new Set(staffRows.map((s) => s.email)).size).toBe(staffRows.length);
    expect(staffRows.filter((s) => s.role === 'ADMIN').map((s) => s.email)).toEqual(['admin@cbp.example', 'admin2@cbp.example']);
  });

  it('gives every Center coverage with a source and keeps the confirmed PHARMA list exact', () => {
    for (const center of centerRows) expect(coverageRows.some((r) => r.centerId === center.id)).toBe(true);
    expect(coverageRows.every((r) => r.source.length > 10)).toBe(true);
    const pharma = coverageRows.filter((r) => r.centerId === 'PHARMA').map((r) => `${r.firstHeading}-${r.lastHeading}`);
    expect(pharma).toEqual(['2801-3302', '3402-3405', '3407-3604', '3606-3817', '3819-3825', '4014-4014', '9018-9019', '9021-9022', '9402-9402']);
  });

  it('uses valid importer numbers, entry numbers and HTS numbers, and unique ids', () => {
    expect(importerRows).toHaveLength(12);
    expect(importerRows.filter((i) => i.participationStatus === 'PARTICIPATING').length).toBe(6);
    for (const importer of importerRows) expect(parseImporterNumber(importer.importerNumber)).toMatchObject({ ok: true, type: importer.importerNumberType });
    for (const summary of entrySummaryRows) expect(parseEntryNumber(summary.entryNumber).ok).toBe(true);
    for (const line of lineRows) expect(parseHtsNumber(line.htsNumber).ok).toBe(true);
    const ids = [...importerRows, ...entrySummaryRows, ...lineRows, ...staffRows, ...coverageRows].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the two test notices and one open notice', () => {
    expect(noticeRows.map((n) => [n.citation, n.publishedOn]).slice(0, 2)).toEqual([
      ['77 FR 52048', '2012-08-28'],
      ['78 FR 20345', '2013-04-04'],
    ]);
    expect(noticeRows.some((n) => n.closesOn === null)).toBe(true);
  });
});

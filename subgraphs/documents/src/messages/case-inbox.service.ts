import { BadUserInputError, checkPageSize, decodeCursor, encodeCursor, ForbiddenError, type Identity, isStaffRole, NotFoundError, requireCbp, requireSignedIn } from '@cee-hub/common';
import type { CaseThreadRow } from '@cee-hub/db';
import { EntrySummaryDirectory } from '@cee-hub/filings/read';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import type { DataSource } from 'typeorm';
import { canSeeSubject, type SubjectDirectory } from '../document/subject-parties';
import { CaseInboxRepository, type CenterScope, type InboxKey } from './case-inbox.repository';
import type { ImporterInbox, ImporterInboxItem } from './case-message.type';
import { threadFor } from './case-message.service';
import type { CaseThread } from './case-message.type';

/** A page of the staff inbox: the threads, and the keys that say where it ends. */
export interface StaffInboxPage {
  nodes: CaseThread[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const keyOf = (row: CaseThreadRow): InboxKey => ({ waitingSince: row.waitingSince!.toISOString(), subjectType: row.subjectType, subjectId: row.subjectId });

/** Soonest due first (no deadline last), then longest waiting. */
function byUrgency(a: ImporterInboxItem, b: ImporterInboxItem): number {
  const due = (item: ImporterInboxItem) => item.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return due(a) - due(b) || a.since.getTime() - b.since.getTime();
}

/** The two inboxes: the Center's threads waiting for its answer, and what waits for an importer. */
export class CaseInboxService {
  private readonly repository: CaseInboxRepository;
  private readonly filings: EntrySummaryDirectory;
  private readonly importers: ImporterDirectory;

  constructor(
    dataSource: DataSource,
    private readonly subjects: SubjectDirectory,
  ) {
    this.repository = new CaseInboxRepository(dataSource);
    this.filings = new EntrySummaryDirectory(dataSource);
    this.importers = new ImporterDirectory(dataSource);
  }

  /** Staff see their own Center's; admins one Center's or, naming none, every thread waiting for CBP. */
  private async scopeOf(identity: Identity, centerId: string | null | undefined): Promise<CenterScope> {
    requireCbp(identity, 'the staff inbox');
    if (isStaffRole(identity.role) && centerId && centerId !== identity.centerId) throw new ForbiddenError("Staff see their own Center's inbox only");
    const center = isStaffRole(identity.role) ? identity.centerId! : centerId;
    if (!center) return 'ALL';
    return { centerId: center, onboardingIds: await this.importers.openOnboardingIdsOfCenter(center) };
  }

  /**
   * The threads waiting for the Center's answer (the trade wrote last), oldest waiting first.
   * Each thread is checked against its subject as it is now, so a case closed meanwhile or
   * out of the caller's sight drops out; the page is filled from further rows.
   */
  async staffInbox(identity: Identity, centerId: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<StaffInboxPage> {
    const size = checkPageSize(first);
    const scope = await this.scopeOf(identity, centerId);
    let key: InboxKey | null = null;
    if (after) {
      const [waitingSince, subjectType, subjectId] = decodeCursor(after, ['timestamp', 'text', 'uuid']);
      key = { waitingSince: waitingSince!, subjectType: subjectType!, subjectId: subjectId! };
    }
    const kept: CaseThreadRow[] = [];
    let exhausted = false;
    while (kept.length <= size && !exhausted) {
      const rows = await this.repository.waitingForCenter(scope, key, size + 1);
      exhausted = rows.length <= size;
      if (rows.length) key = keyOf(rows[rows.length - 1]!);
      const parties = await this.subjects.partiesOf(rows.map((row) => ({ type: row.subjectType, id: row.subjectId })));
      rows.forEach((row, index) => {
        const found = parties[index];
        if (canSeeSubject(identity, found) && !found.closed) kept.push(row);
      });
    }
    const page = kept.slice(0, size);
    const last = page[page.length - 1];
    return {
      nodes: page.map((row) => threadFor(identity, { type: row.subjectType, id: row.subjectId }, row)),
      pageInfo: { hasNextPage: kept.length > size, endCursor: last ? encodeCursor(Object.values(keyOf(last))) : null },
    };
  }

  /**
   * What waits for an importer: open CF-28s and issued CF-29s with their due dates, returned
   * summaries, its application's question, and threads where CBP wrote last. The importer asks
   * for its own; an admin names the importer.
   */
  async importerInbox(identity: Identity, importerId: string | null | undefined, first: number | null | undefined): Promise<ImporterInbox> {
    requireSignedIn(identity, 'see an inbox');
    const size = checkPageSize(first);
    const owner = this.ownerOf(identity, importerId);
    const [pending, questions, threads] = await Promise.all([
      this.filings.pendingForImporter(owner, size),
      this.importers.questionsForImporter(owner, size),
      this.repository.waitingForImporter(owner, size),
    ]);
    const threadParties = await this.subjects.partiesOf(threads.rows.map((row) => ({ type: row.subjectType, id: row.subjectId })));
    const openThreads = threads.rows.filter((_row, index) => !threadParties[index]?.closed);
    const items: ImporterInboxItem[] = [
      ...pending.items.map((item) => ({ reason: item.kind, subject: { type: 'ENTRY_SUMMARY' as const, id: item.entrySummaryId }, since: item.since, dueAt: item.dueAt })),
      ...questions.items.map((item) => ({ reason: 'ONBOARDING_QUESTION' as const, subject: { type: 'ONBOARDING' as const, id: item.onboardingId }, since: item.since, dueAt: item.dueAt })),
      ...openThreads.map((row) => ({ reason: 'UNANSWERED_MESSAGE' as const, subject: { type: row.subjectType, id: row.subjectId }, since: row.waitingSince!, dueAt: null })),
    ];
    const total = pending.total + questions.total + threads.total - (threads.rows.length - openThreads.length);
    return { items: items.sort(byUrgency).slice(0, size), totalCount: total };
  }

  private ownerOf(identity: Identity, importerId: string | null | undefined): string {
    if (identity.role === 'IMPORTER') {
      // Another importer's inbox is, to an importer, not there.
      if (importerId && importerId !== identity.importerId) throw new NotFoundError(`No importer has the id '${importerId}'`);
      return identity.importerId!;
    }
    if (identity.role !== 'ADMIN') throw new ForbiddenError("The importer inbox is the importer's own (and CBP admins'); Center staff use staffInbox");
    if (!importerId) throw new BadUserInputError({ field: 'importerId', message: 'name the importer whose inbox to see' });
    return importerId;
  }
}

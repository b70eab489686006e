import { canSeeImporterData, type Identity } from '@cee-hub/common';
import type { DocumentSubjectType } from '@cee-hub/db';
import { EntrySummaryDirectory } from '@cee-hub/filings/read';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { UnknownSubjectError } from '../errors';

export interface DocumentSubject {
  type: DocumentSubjectType;
  id: string;
}

/** Who a subject belongs to: the importer and the Center working it (null when a port does or none yet). */
export interface SubjectParties {
  importerId: string;
  centerId: string | null;
  /** Decided subjects keep their paperwork: nothing of it may be removed. */
  decided: boolean;
  /** A closed case takes no more messages: a rejected or liquidated entry, a decided application. */
  closed: boolean;
}

/**
 * Reads the parties of entry summaries and applications through the filings and importers
 * domains' read modules, at the time of the request: whoever may see the subject now may
 * see its documents.
 */
export class SubjectDirectory {
  private readonly entrySummaries: EntrySummaryDirectory;
  private readonly importers: ImporterDirectory;

  constructor(dataSource: DataSource) {
    this.entrySummaries = new EntrySummaryDirectory(dataSource);
    this.importers = new ImporterDirectory(dataSource);
  }

  /** Whether the document came with a step of its case (a review's CF-28 request, answer or response; an application's answer): then it stays. */
  async isAttachedToStep(subject: DocumentSubject, documentId: string): Promise<boolean> {
    const directory = subject.type === 'ENTRY_SUMMARY' ? this.entrySummaries : this.importers;
    return (await directory.attachedDocumentIds([documentId])).has(documentId);
  }

  /** The parties of one subject; undefined for an unknown one. */
  async partyOf(subject: DocumentSubject): Promise<SubjectParties | undefined> {
    return (await this.partiesOf([subject]))[0];
  }

  /** A per-request loader: the subjects of one answer are read in one query per type. */
  loader(): DataLoader<DocumentSubject, SubjectParties | undefined, string> {
    return new DataLoader((subjects) => this.partiesOf(subjects), { cacheKeyFn: (subject) => `${subject.type}:${subject.id}` });
  }

  async partiesOf(subjects: readonly DocumentSubject[]): Promise<Array<SubjectParties | undefined>> {
    const idsOf = (type: DocumentSubjectType) => subjects.filter((subject) => subject.type === type).map((subject) => subject.id);
    const entryIds = idsOf('ENTRY_SUMMARY');
    const onboardingIds = idsOf('ONBOARDING');
    const [entries, onboardings] = await Promise.all([
      entryIds.length ? this.entrySummaries.partiesOf(entryIds) : [],
      onboardingIds.length ? this.importers.onboardingPartiesOf(onboardingIds) : [],
    ]);
    const found = new Map<string, SubjectParties | undefined>();
    entryIds.forEach((id, index) => {
      const parties = entries[index];
      found.set(`ENTRY_SUMMARY:${id}`, parties && { importerId: parties.importerId, centerId: parties.processingCenterId, decided: parties.decided, closed: parties.closed });
    });
    onboardingIds.forEach((id, index) => {
      const parties = onboardings[index];
      found.set(`ONBOARDING:${id}`, parties && { ...parties, closed: parties.decided });
    });
    return subjects.map((subject) => found.get(`${subject.type}:${subject.id}`));
  }
}

/**
 * The parties of a subject the caller may see, read through `load` (a request's loader, or
 * the directory itself); any other subject is NOT_FOUND, exactly as an unknown one.
 */
export async function visibleSubject(identity: Identity, subject: DocumentSubject, load: (subject: DocumentSubject) => Promise<SubjectParties | undefined>): Promise<SubjectParties> {
  const parties = await load(subject);
  if (!canSeeSubject(identity, parties)) throw new UnknownSubjectError(subject.type, subject.id);
  return parties;
}

/** The importer sees its own paperwork, the Center's staff what their Center works, admins all, the public nothing. */
export function canSeeSubject(identity: Identity, parties: SubjectParties | undefined): parties is SubjectParties {
  return parties !== undefined && canSeeImporterData(identity, parties.importerId, [parties.centerId]);
}

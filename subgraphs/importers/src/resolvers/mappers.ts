import type { FederalRegisterNoticeRow, ImporterRow, OnboardingEventRow } from '@cee-hub/db';
import type { ImporterPageData } from '../services/importer.service';
import { isNoticeOpen } from '../services/notice.service';
import type { Importer, ImporterPage } from '../types/importer.type';
import type { FederalRegisterNotice } from '../types/notice.type';
import type { OnboardingEvent } from '../types/onboarding.type';

export function toImporter(row: ImporterRow): Importer {
  const participating = row.participationStatus === 'PARTICIPATING';
  return {
    id: row.id,
    importerNumber: row.importerNumber,
    importerNumberType: row.importerNumberType,
    name: row.name,
    address: { street: row.street, city: row.city, state: row.state, postalCode: row.postalCode, country: row.country },
    contactEmail: row.contactEmail,
    ctpatTier: row.ctpatTier,
    isaMember: row.isaMember,
    aceAccount: row.aceAccount,
    participation: {
      status: row.participationStatus,
      center: participating && row.participationCenterId ? { id: row.participationCenterId } : null,
      since: participating ? row.participatingSince : null,
      accountManagerId: participating ? row.accountManagerId : null,
    },
    registeredAt: row.registeredAt,
  };
}

export function toImporterPage(page: ImporterPageData): ImporterPage {
  return {
    nodes: page.rows.map(toImporter),
    totalCount: page.totalCount,
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
  };
}

export function toNotice(row: FederalRegisterNoticeRow): FederalRegisterNotice {
  return {
    id: row.id,
    citation: row.citation,
    title: row.title,
    publishedOn: row.publishedOn,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    isOpen: isNoticeOpen(row),
    centers: row.centerIds.map((id) => ({ id })),
    eligibility: {
      qualifyingCtpatTiers: row.qualifyingCtpatTiers,
      isaQualifies: row.isaQualifies,
      aceAccountRequired: row.aceAccountRequired,
      description: row.eligibilityText,
    },
    note: row.note,
  };
}

/** An entry of an application's history, as the graph shows it (in the history and live). */
export function toOnboardingEvent(row: OnboardingEventRow): OnboardingEvent {
  return {
    id: row.id,
    onboardingId: row.onboardingId,
    type: row.type,
    actor: row.actor,
    actorRole: row.actorRole,
    note: row.note,
    at: row.at,
    documents: row.documentIds.map((id) => ({ id })),
  };
}

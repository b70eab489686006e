import { isUuid, parseImporterNumber } from '@cee-hub/common';
import { OPEN_ONBOARDING_STATES } from '@cee-hub/contracts';
import type { ParticipationStatus } from '@cee-hub/db';
import type { DataSource } from 'typeorm';

/** What other domains need to know of an importer: who it is and where its summaries go. */
export interface ImporterListing {
  id: string;
  name: string;
  importerNumber: string;
  participationStatus: ParticipationStatus;
  /**
   * The Center processing its entry summaries; null when the port of entry does (also before
   * the effective date of an approved application).
   */
  participationCenterId: string | null;
}

/** Who an application belongs to, for the documents domain. */
export interface OnboardingParties {
  importerId: string;
  centerId: string | null;
  decided: boolean;
}

/** An application waiting for its importer's answer to the Center's question. */
export interface OnboardingQuestionItem {
  onboardingId: string;
  since: Date;
  dueAt: Date | null;
}

/**
 * Read-only lookups of importers for other domains (the filings subgraph asks whether an
 * importer is registered and which Center processes its filings). The importers domain owns
 * these queries, so its tables stay its own.
 */
export class ImporterDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Listings in the order of `ids`, undefined for unknown ids. */
  async byIds(ids: readonly string[]): Promise<Array<ImporterListing | undefined>> {
    const rows: ImporterListing[] = await this.dataSource.query(
      `SELECT id, name, importer_number AS "importerNumber", participation_status AS "participationStatus",
              CASE WHEN participation_status = 'PARTICIPATING' AND participating_since <= current_date THEN participation_center_id END AS "participationCenterId"
         FROM importers.importer WHERE id = ANY($1::uuid[])`,
      [ids.filter(isUuid)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  /**
   * Who each application belongs to: the applicant and the Center reviewing it now (null
   * before one is chosen), and whether it is decided; undefined for unknown ids.
   */
  async onboardingPartiesOf(ids: readonly string[]): Promise<Array<OnboardingParties | undefined>> {
    const rows: Array<OnboardingParties & { id: string }> = await this.dataSource.query(
      `SELECT id, importer_id AS "importerId", center_id AS "centerId", state <> ALL($2::text[]) AS decided
         FROM importers.onboarding WHERE id = ANY($1::uuid[])`,
      [ids.filter(isUuid), OPEN_ONBOARDING_STATES],
    );
    const byId = new Map(rows.map(({ id, ...parties }) => [id, parties]));
    return ids.map((id) => byId.get(id));
  }

  /**
   * The importer's applications waiting for its answer (AWAITING_IMPORTER), soonest due first,
   * at most `limit`, and how many in all.
   */
  async questionsForImporter(importerId: string, limit: number): Promise<{ items: OnboardingQuestionItem[]; total: number }> {
    if (!isUuid(importerId)) return { items: [], total: 0 };
    const rows: Array<OnboardingQuestionItem & { total: string }> = await this.dataSource.query(
      `SELECT id AS "onboardingId", updated_at AS since, information_due_at AS "dueAt", count(*) OVER () AS total
         FROM importers.onboarding WHERE importer_id = $1 AND state = 'AWAITING_IMPORTER'
        ORDER BY information_due_at ASC NULLS LAST, updated_at, id LIMIT $2`,
      [importerId, limit],
    );
    return { items: rows.map(({ total: _total, ...item }) => item), total: Number(rows[0]?.total ?? 0) };
  }

  /** Of `documentIds`, those a step of an application came with (the importer's answer): part of its record for good. */
  async attachedDocumentIds(documentIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(document_ids)::text AS id FROM importers.onboarding_event WHERE document_ids && $1::uuid[]`,
      [documentIds.filter(isUuid)],
    );
    const asked = new Set(documentIds);
    return new Set(rows.map((row) => row.id).filter((id) => asked.has(id)));
  }

  /** The ids of the open applications a Center reviews now: its staff's share of the case threads. */
  async openOnboardingIdsOfCenter(centerId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM importers.onboarding WHERE center_id = $1 AND state = ANY($2::text[])`,
      [centerId, OPEN_ONBOARDING_STATES],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The ids of the importers an importer number (exact, with its hyphens) or the start of a
   * name (case-insensitive) names, at most `limit + 1` of them so the caller can tell "too
   * many" from "all": a search across filings by importer stays bounded.
   */
  async idsMatching(nameOrNumber: string, limit: number): Promise<string[]> {
    const term = nameOrNumber.trim();
    const number = parseImporterNumber(term);
    const rows: Array<{ id: string }> = number.ok
      ? await this.dataSource.query(`SELECT id FROM importers.importer WHERE importer_number = $1`, [number.importerNumber])
      : await this.dataSource.query(
          `SELECT id FROM importers.importer WHERE lower(name) LIKE $1 ORDER BY lower(name), id LIMIT $2`,
          [`${escapeLike(term.toLowerCase())}%`, limit + 1],
        );
    return rows.map((row) => row.id);
  }
}

/** A LIKE pattern matching `text` literally: its wildcards and the escape character escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

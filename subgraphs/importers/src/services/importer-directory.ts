import { isUuid } from '@cee-hub/common';
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
}

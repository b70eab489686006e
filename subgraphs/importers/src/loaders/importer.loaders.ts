import type { ImporterRow } from '@cee-hub/db';
import DataLoader from 'dataloader';
import type { ImporterPageData, ImporterService } from '../services/importer.service';

/** Per-request loaders: each batches the lookups of one request into one or two statements. */
export interface ImporterLoaders {
  importerById: DataLoader<string, ImporterRow | undefined>;
  /** First pages of the participants of Centers, for one page size. */
  participantsByCenter(first: number): DataLoader<string, ImporterPageData>;
}

export function createImporterLoaders(importers: ImporterService): ImporterLoaders {
  const participantLoaders = new Map<number, DataLoader<string, ImporterPageData>>();
  const importerById = new DataLoader<string, ImporterRow | undefined>((ids) => importers.byIds(ids));
  return {
    importerById,
    participantsByCenter(first) {
      let loader = participantLoaders.get(first);
      if (!loader) {
        loader = new DataLoader(async (centerIds) => {
          const pages = await importers.participantsOfCenters(centerIds, first);
          for (const page of pages.values()) for (const row of page.rows) importerById.prime(row.id, row);
          return centerIds.map((id) => pages.get(id)!);
        });
        participantLoaders.set(first, loader);
      }
      return loader;
    },
  };
}

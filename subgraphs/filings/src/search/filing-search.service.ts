import { BadUserInputError, type Identity } from '@cee-hub/common';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import type { DataSource } from 'typeorm';
import type { FilingPageResult } from '../filing/entry-summary.repository';
import { type SearchCriteria, searchCriteria, type SearchRequest } from './filing-search.criteria';
import { FilingSearchRepository, type SearchCount } from './filing-search.repository';

/** The most importers an importer term may name: a search stays one bounded statement. */
export const MAX_IMPORTERS_SEARCHED = 1_000;

/** A checked search with the importers its term named (undefined: no importer term). */
export interface PreparedSearch {
  criteria: SearchCriteria;
  importerIds?: readonly string[];
}

/** searchFilings: checks the search, asks the importers domain whom an importer term names, and reads the page. */
export class FilingSearchService {
  private readonly repository: FilingSearchRepository;
  private readonly importers: ImporterDirectory;

  constructor(dataSource: DataSource) {
    this.repository = new FilingSearchRepository(dataSource);
    this.importers = new ImporterDirectory(dataSource);
  }

  /** Checks the search (BAD_USER_INPUT, FORBIDDEN before any filing is read) and resolves its importer term. */
  async prepare(identity: Identity, request: SearchRequest): Promise<PreparedSearch> {
    const criteria = searchCriteria(identity, request);
    if (criteria.importerTerm === undefined) return { criteria };
    const importerIds = await this.importers.idsMatching(criteria.importerTerm, MAX_IMPORTERS_SEARCHED);
    if (importerIds.length > MAX_IMPORTERS_SEARCHED) {
      throw new BadUserInputError({
        field: 'filter.importer',
        message: `'${criteria.importerTerm}' starts the names of more than ${MAX_IMPORTERS_SEARCHED} importers; give more of the name or the importer number`,
      });
    }
    return { criteria, importerIds };
  }

  async page({ criteria, importerIds }: PreparedSearch): Promise<FilingPageResult> {
    if (importerIds?.length === 0) return { nodes: [], hasNextPage: false, endCursor: null };
    return this.repository.page(criteria, importerIds);
  }

  async count({ criteria, importerIds }: PreparedSearch): Promise<SearchCount> {
    if (importerIds?.length === 0) return { value: 0, isExact: true };
    return this.repository.count(criteria, importerIds);
  }
}

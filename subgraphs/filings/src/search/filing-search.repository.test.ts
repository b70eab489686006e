import { testSubgraphConfig } from '@cee-hub/common/testing';
import type { DataSource } from 'typeorm';
import { createFilingsDataSource } from '../server';
import { searchCriteria } from './filing-search.criteria';
import { FilingSearchRepository } from './filing-search.repository';

const ADMIN = { role: 'ADMIN', email: 'admin@cbp.example' } as const;

let dataSource: DataSource;
let repository: FilingSearchRepository;

beforeAll(async () => {
  dataSource = await createFilingsDataSource(testSubgraphConfig(process.env.TEST_DB_URL!)).initialize();
  repository = new FilingSearchRepository(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
});

describe('FilingSearchRepository.count', () => {
  it('counts exactly up to the bound', async () => {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM filings.entry_summary`);
    expect(n).toBeGreaterThan(1);
    expect(await repository.count(searchCriteria(ADMIN, {}), undefined, n)).toEqual({ value: n, isExact: true });
  });

  it('past the bound, answers the planner’s estimate (at least the bound) flagged as such', async () => {
    // A condition with a parameter, so the estimate is planned with the search's parameters bound.
    const criteria = searchCriteria(ADMIN, { filter: { minEnteredValue: 0 } });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM filings.entry_summary`);
    expect(n).toBeGreaterThan(1);
    const count = await repository.count(criteria, undefined, 1);
    expect(count.isExact).toBe(false);
    expect(count.value).toBeGreaterThanOrEqual(2);
  });
});

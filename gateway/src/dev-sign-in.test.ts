import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@cee-hub/common';
import { importerRows, seededIdentity, seededUsers, staffRows } from '@cee-hub/db';
import { peopleFromGraph } from './dev-sign-in';
import type { GatewayContext } from './server';

const silent = { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined, child: () => silent } as unknown as Logger;

/** The graph of a seeded database as the sign-in asks it, in pages of two importers, in no particular order. */
function seededGraph() {
  const asked: Array<{ role: string; after: unknown }> = [];
  const staff = [...staffRows].reverse().map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role, center: row.centerId ? { id: row.centerId } : null }));
  const importers = [...importerRows].reverse().map((row) => ({
    id: row.id,
    name: row.name,
    contactEmail: row.contactEmail,
    participation: { center: row.participationCenterId ? { id: row.participationCenterId } : null },
  }));
  const apollo = {
    executeOperation: async ({ query, variables }: { query: string; variables: { after?: string | null } }, { contextValue }: { contextValue: GatewayContext }) => {
      asked.push({ role: contextValue.identity.role, after: variables.after });
      if (query.includes('staffMembers')) return { body: { kind: 'single', singleResult: { data: { staffMembers: staff } } } };
      const from = Number(variables.after ?? 0);
      const nodes = importers.slice(from, from + 2);
      const hasNextPage = from + 2 < importers.length;
      return { body: { kind: 'single', singleResult: { data: { importers: { nodes, pageInfo: { hasNextPage, endCursor: hasNextPage ? String(from + 2) : null } } } } } };
    },
  } as unknown as ApolloServer<GatewayContext>;
  return { apollo, asked };
}

it('lists the people of the graph as the seed data has them, each with the identity `npm run token` gives', async () => {
  const { apollo, asked } = seededGraph();
  const people = await peopleFromGraph(apollo, silent)();
  expect(people.map(({ identity: _identity, ...user }) => user)).toEqual(seededUsers());
  for (const person of people) expect(person.identity).toEqual(JSON.parse(JSON.stringify(seededIdentity(person.email))));
  expect(asked.every((question) => question.role === 'ADMIN')).toBe(true);
  expect(asked.length).toBe(1 + Math.ceil(importerRows.length / 2));
});

it('fails when the graph does not answer, rather than listing nobody', async () => {
  const apollo = {
    executeOperation: async () => ({ body: { kind: 'single', singleResult: { data: null, errors: [{ message: 'The centers service is unavailable' }] } } }),
  } as unknown as ApolloServer<GatewayContext>;
  await expect(peopleFromGraph(apollo, silent)()).rejects.toThrow('The centers service is unavailable');
});

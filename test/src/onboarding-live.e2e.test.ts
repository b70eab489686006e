import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { ADMIN_EMAIL as ADMIN, MACHINERY_ACCOUNT_MANAGER_EMAIL as MACHINERY_ACCOUNT_MANAGER } from '@cee-hub/db/seeded-users';
import { type LiveSubscription, startSystem, type System, webSocketUrl } from '@cee-hub/launcher/testing';
import { Client } from 'pg';

const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
const MIDWEST = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;
const NOTICE = 'CEE-HUB-DEMO-2026';

const SUBSCRIPTION = `subscription($filter: OnboardingUpdateFilter, $since: ID) {
  onboardingUpdated(filter: $filter, since: $since) {
    id type actor at
    onboarding { id state importer { id name } chosenCenter { name } }
  }
}`;
const VOLUNTEER = 'mutation($notice: ID!, $center: ID!) { volunteerForCenter(noticeId: $notice, centerId: $center) { state } }';

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function subscribe(as: string, variables: Record<string, unknown> = {}, url?: string): Promise<LiveSubscription> {
  return (await system.connect(as, { url })).subscribe(SUBSCRIPTION, variables);
}

/** The latest onboarding event: a subscription with `since` set to it hears of everything after, however long it takes to start. */
async function latestEventId(): Promise<string> {
  const [row] = await system.sql<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM importers.onboarding_event');
  return row!.id;
}

const importerIdsOf = (subscription: LiveSubscription) => new Set(subscription.events.map((event) => event.onboarding.importer.id));

it("delivers an application's events live through the gateway, and an importer only its own", async () => {
  const since = await latestEventId();
  const admin = await subscribe(ADMIN, { since });
  const rioGrande = await subscribe(RIO_GRANDE.contactEmail, { since });
  const midwest = await subscribe(MIDWEST.contactEmail, { since });
  const machinery = await subscribe(MACHINERY_ACCOUNT_MANAGER, { since });

  expect((await system.query(VOLUNTEER, { notice: NOTICE, center: 'MACHINERY' }, RIO_GRANDE.contactEmail)).errors).toBeUndefined();
  const proposed = (subscription: LiveSubscription, importerId: string) => subscription.events.some((event) => event.onboarding.importer.id === importerId && event.type === 'CENTER_PROPOSED');
  await eventually("Rio Grande's proposal, live", () => proposed(admin, RIO_GRANDE.id) && proposed(rioGrande, RIO_GRANDE.id));
  const applied = rioGrande.events.find((event) => event.type === 'APPLIED');
  expect(applied).toMatchObject({ actor: RIO_GRANDE.contactEmail, onboarding: { importer: { name: RIO_GRANDE.name }, chosenCenter: { name: 'Machinery' } } });
  // The Center's account manager follows the applications its Center reviews.
  await eventually('the Machinery account manager to hear of it', () => proposed(machinery, RIO_GRANDE.id));

  expect((await system.query(VOLUNTEER, { notice: NOTICE, center: 'BASE_METALS' }, MIDWEST.contactEmail)).errors).toBeUndefined();
  await eventually("Midwest's own proposal, live", () => proposed(midwest, MIDWEST.id) && proposed(admin, MIDWEST.id));

  expect([...importerIdsOf(rioGrande)]).toEqual([RIO_GRANDE.id]);
  expect([...importerIdsOf(midwest)]).toEqual([MIDWEST.id]);
  expect([...importerIdsOf(machinery)]).toEqual([RIO_GRANDE.id]);
  expect(importerIdsOf(admin)).toEqual(new Set([RIO_GRANDE.id, MIDWEST.id]));
  const ids = admin.events.map((event) => BigInt(event.id));
  expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
  for (const subscription of [admin, rioGrande, midwest, machinery]) {
    expect(subscription.errors).toEqual([]);
    subscription.stop();
  }

  const forbidden = await subscribe(MIDWEST.contactEmail, { filter: { importerId: RIO_GRANDE.id } });
  await forbidden.closed;
  expect(forbidden.errors[0]?.extensions?.code).toBe('FORBIDDEN');
}, 90_000);

/** Writes one history entry of an application in a transaction of its own, left open for the caller to end. */
async function openEventTransaction(onboardingId: string, seq: number): Promise<{ client: Client; inserted: Promise<string> }> {
  const client = new Client({ connectionString: system.databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  const inserted = client
    .query<{ id: string }>(
      `INSERT INTO importers.onboarding_event (onboarding_id, seq, type, actor, actor_role, note, at) VALUES ($1, $2, 'REMINDER', 'system', 'SYSTEM', 'test', now()) RETURNING id::text AS id`,
      [onboardingId, seq],
    )
    .then(({ rows }) => rows[0]!.id);
  return { client, inserted };
}

it('loses no event across two importers replicas when a lower id commits after a higher one would have, and the upstream resumes meanwhile', async () => {
  const replica = await system.startReplica('importers');
  const gatewayB = await system.startReplica('gateway', { subgraphUrls: { importers: `${replica.url}/graphql` } });
  const [{ id: onboardingId }] = await system.sql<{ id: string }>('SELECT id FROM importers.onboarding WHERE importer_id = $1', [RIO_GRANDE.id]);
  // Gateway A reaches importers through the system's replica, gateway B through the other one.
  const since = await latestEventId();
  const onA = await subscribe(ADMIN, { filter: { importerId: RIO_GRANDE.id }, since });
  const onB = await subscribe(ADMIN, { filter: { importerId: RIO_GRANDE.id }, since }, webSocketUrl(gatewayB.url));
  await system.sql(`INSERT INTO importers.onboarding_event (onboarding_id, seq, type, actor, actor_role, at) VALUES ($1, 1001, 'REMINDER', 'system', 'SYSTEM', now())`, [onboardingId]);
  await eventually('both subscriptions to be live', () => onA.events.length === 1 && onB.events.length === 1, Boolean, { timeoutMs: 30_000 });

  // The first transaction takes its id and stays open; the second one starts after it. Were ids
  // drawn without the log's lock, the second would commit first with the higher id, be delivered,
  // and the first, committing later with a lower id, be skipped by everyone resuming "after" it.
  const first = await openEventTransaction(onboardingId!, 1002);
  const firstId = await first.inserted;
  const second = await openEventTransaction(onboardingId!, 1003);
  // The upstream of gateway A loses its subgraph now and resumes after the last event it saw.
  await system.restart('importers');
  await first.client.query('COMMIT');
  const secondId = await second.inserted;
  await second.client.query('COMMIT');
  await Promise.all([first.client.end(), second.client.end()]);
  expect(BigInt(secondId)).toBeGreaterThan(BigInt(firstId));

  for (const subscription of [onA, onB]) {
    await eventually('both events', () => subscription.events.some((event) => event.id === secondId), Boolean, { timeoutMs: 30_000 });
    const ids = subscription.events.map((event) => event.id);
    expect(ids.slice(1)).toEqual([firstId, secondId]);
    expect(subscription.errors).toEqual([]);
    subscription.stop();
  }
  await gatewayB.stop();
  await replica.stop();
}, 120_000);

import { postGraphQL } from '@cee-hub/common/testing';
import { closeCodeAfter, type LiveConnection, type System, webSocketUrl } from '@cee-hub/launcher/testing';
import { ADMIN, type DrillContext, type DrillResult, ENTRY_SPECIALIST, healthOf, holdsWithin, timed } from './common';
// SUPERVISOR is used by the quota step alone, so no other step's subscriptions count against it.
import { ELECTRONICS_SUPERVISOR_EMAIL as SUPERVISOR } from '@cee-hub/db/seeded-users';

/** The gateway's defaults (gateway/src/config.ts); the drills run the stack with them. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;
const MAX_SUBSCRIPTIONS_PER_IDENTITY = 50;
const MAX_QUERY_COST = 20_000;
const MAX_LOCATE_LINES = 500;
const SUBSCRIPTION = 'subscription($since: ID) { filingUpdated(since: $since) { id toStatus } }';
const NORMAL_QUERY = '{ centers { id name } }';
const LOCATE_LINES = '{ lines { input htsNumber center { id name } } }';

const numbers = (count: number) => Array.from({ length: count }, () => '8471.30.0100');
const median = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : Number.NaN);

/** Latencies of the normal query, sent one after another until `done` settles. */
async function latenciesDuring(system: System, done: Promise<unknown>): Promise<{ ms: number[]; failed: number }> {
  let finished = false;
  void done.finally(() => (finished = true));
  const ms: number[] = [];
  let failed = 0;
  while (!finished || ms.length + failed < 3) {
    const started = Date.now();
    const response = await postGraphQL(system.gatewayUrl, NORMAL_QUERY).catch(() => undefined);
    if (response?.data?.centers?.length === 10) ms.push(Date.now() - started);
    else failed += 1;
  }
  return { ms, failed };
}

/**
 * The families of issue 10 on what one caller may make the gateway hold or compute: oversize
 * WebSocket frames (closed with 1009, the gateway still answering), a token expiring on an open
 * connection (closed with 4403, a later subscribe refused), subscriptions per connection and
 * per identity (capped, a burst of replays not one upstream each), and list sizes and the cost
 * of an operation with its variables (15 × 500 HTS numbers, `first: $n`, 24 000 bad values).
 */
export function resourceLimitsDrill({ system, size, log }: DrillContext): Promise<DrillResult> {
  return timed('resource limits', async () => {
    const losses: string[] = [];
    const counted: Record<string, number | string> = {};
    const connections: LiveConnection[] = [];
    const connect = async (email: string, lifetime = '1h'): Promise<LiveConnection> => {
      const connection = await system.connect(email, { lifetime });
      connections.push(connection);
      return connection;
    };
    try {
      // A first query plans and caches; the ones measured below should not pay for it.
      await postGraphQL(system.gatewayUrl, NORMAL_QUERY);

      // 1. Frames far over WS_MAX_PAYLOAD_BYTES, before any authentication, while a normal query runs.
      const frameMiB = size === 'full' ? 8 : 4;
      const frames = size === 'full' ? 4 : 2;
      const init = JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(frameMiB * 1024 * 1024) } });
      const sent = Promise.all([
        ...Array.from({ length: frames }, () => closeCodeAfter(webSocketUrl(system.stack.urls.gateway), init)),
        closeCodeAfter(webSocketUrl(system.stack.urls.filings), init),
      ]);
      const during = await latenciesDuring(system, sent);
      const codes = await sent;
      const not1009 = codes.filter((code) => code !== 1009);
      if (not1009.length) losses.push(`oversize frames were closed with ${not1009.join(', ')}, not 1009`);
      if (during.failed) losses.push(`${during.failed} normal queries failed while oversize frames came in`);
      counted.oversizeFrames = `${codes.length}×${frameMiB} MiB, closed 1009: ${codes.length - not1009.length}`;
      counted.queryMsDuringFrames = median(during.ms);
      log(`  oversize frames closed: ${codes.join(',')}; normal query median ${median(during.ms)} ms`);

      // 2. A token valid 3 s on an open connection: history first, then 4403 at expiry, then refused.
      const expiring = await connect(ENTRY_SPECIALIST, '3s');
      const history = expiring.subscribe(SUBSCRIPTION, { since: '0' });
      if (!(await holdsWithin('the history to be replayed', () => history.events.length > 0, 10_000))) losses.push(`a fresh token's subscription replayed nothing: ${JSON.stringify(history.errors).slice(0, 300)}`);
      const closedAtExpiry = await holdsWithin('the connection to close at expiry', () => expiring.closes.length > 0, 15_000);
      if (!closedAtExpiry) losses.push('the connection stayed open after its token expired');
      else if (expiring.closes[0] !== 4403) losses.push(`the connection closed with ${expiring.closes[0]} at expiry, not 4403`);
      const later = expiring.subscribe(SUBSCRIPTION, { since: '0' });
      await holdsWithin('the later subscribe to be refused', () => later.ended, 10_000);
      if (!later.ended || later.events.length > 0) losses.push(`a subscribe after the token expired was served (${later.events.length} events)`);
      counted.tokenExpiryClose = expiring.closes[0] ?? 'none';
      counted.subscribeAfterExpiry = later.errors[0]?.message ?? 'not refused';

      // 3. One staff connection opening 300 replays from the start, then more connections of the same identity.
      const burst = size === 'full' ? 300 : 100;
      const quota = await Promise.all([connect(SUPERVISOR), connect(SUPERVISOR), connect(SUPERVISOR)]);
      const first = Array.from({ length: burst }, () => quota[0]!.subscribe(SUBSCRIPTION, { since: '0' }));
      const settled = await holdsWithin('the ones over the connection limit to be refused', () => first.filter((watched) => watched.ended).length >= burst - MAX_SUBSCRIPTIONS_PER_SOCKET, 30_000);
      // The normal query's latency over a 2 s window while the replays run: a measure, not a wait.
      const replaying = latenciesDuring(system, new Promise((resolve) => setTimeout(resolve, 2_000)));
      const refusedOnSocket = first.filter((watched) => watched.ended);
      const acceptedOnSocket = burst - refusedOnSocket.length;
      if (!settled || acceptedOnSocket > MAX_SUBSCRIPTIONS_PER_SOCKET) losses.push(`one connection holds ${acceptedOnSocket} subscriptions (limit ${MAX_SUBSCRIPTIONS_PER_SOCKET})`);
      const wrongCodes = refusedOnSocket.filter((watched) => watched.errors[0]?.extensions?.code !== 'TOO_MANY_REQUESTS');
      if (wrongCodes.length) losses.push(`${wrongCodes.length} subscriptions over the connection limit ended otherwise: ${JSON.stringify(wrongCodes[0]!.errors).slice(0, 300)}`);
      const more = quota.slice(1).flatMap((connection) => Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET }, () => connection.subscribe(SUBSCRIPTION, { since: '0' })));
      const expectedRefusals = acceptedOnSocket + more.length - MAX_SUBSCRIPTIONS_PER_IDENTITY;
      await holdsWithin('the ones over the identity limit to be refused', () => more.filter((watched) => watched.ended).length >= expectedRefusals, 30_000);
      const acceptedForIdentity = acceptedOnSocket + more.filter((watched) => !watched.ended).length;
      if (acceptedForIdentity > MAX_SUBSCRIPTIONS_PER_IDENTITY) losses.push(`one identity holds ${acceptedForIdentity} subscriptions (limit ${MAX_SUBSCRIPTIONS_PER_IDENTITY})`);
      const replayed = await replaying;
      const accepted = [...first, ...more].filter((watched) => !watched.ended);
      const eventErrors = accepted.filter((watched) => watched.errors.length > 0);
      if (eventErrors.length) losses.push(`${eventErrors.length} accepted subscriptions got errors: ${JSON.stringify(eventErrors[0]!.errors).slice(0, 300)}`);
      counted.subscriptionsAsked = burst + more.length;
      counted.subscriptionsAccepted = acceptedForIdentity;
      counted.replayedEvents = accepted.reduce((sum, watched) => sum + watched.events.length, 0);
      counted.queryMsDuringReplays = median(replayed.ms);
      if (replayed.failed) losses.push(`${replayed.failed} normal queries failed during the replays`);
      for (const watched of accepted) watched.stop();

      // A subscription with 41 aliases is refused when it starts, not answered with an error per event.
      const aliases = `subscription { filingUpdated(since: "0") { ${Array.from({ length: 41 }, (_, i) => `a${i}: id`).join(' ')} } }`;
      const aliased = (await connect(ADMIN)).subscribe(aliases);
      await holdsWithin('the 41 aliases to be refused', () => aliased.ended, 10_000);
      if (!aliased.ended || aliased.events.length > 0 || aliased.errors[0]?.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') {
        losses.push(`a subscription with 41 aliases was not refused at its start: ${aliased.events.length} events, ${JSON.stringify(aliased.errors).slice(0, 300)}`);
      }

      // 4. Anonymous clients each sending 15 aliases of locateCenter with 500 HTS numbers, while a normal query runs.
      const attackers = size === 'full' ? 16 : 8;
      const rounds = size === 'full' ? 5 : 2;
      const attack = `query($n: [String!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: $n) ${LOCATE_LINES}`).join(' ')} }`;
      const attackCodes: Record<string, number> = {};
      const attacking = Promise.all(
        Array.from({ length: attackers }, async () => {
          for (let round = 0; round < rounds; round++) {
            const response = await postGraphQL(system.gatewayUrl, attack, { n: numbers(MAX_LOCATE_LINES) }).catch(() => undefined);
            const code = response ? `${response.status}:${response.errors?.[0]?.extensions?.code ?? 'none'}` : 'no answer';
            attackCodes[code] = (attackCodes[code] ?? 0) + 1;
          }
        }),
      );
      const underAttack = await latenciesDuring(system, attacking);
      await attacking;
      const notRefused = Object.entries(attackCodes).filter(([code]) => code !== '400:GRAPHQL_VALIDATION_FAILED');
      if (notRefused.length) losses.push(`the locator attack was answered otherwise than refused at the gateway: ${JSON.stringify(attackCodes)}`);
      if (underAttack.failed) losses.push(`${underAttack.failed} normal queries failed under the locator attack`);
      counted.locatorAttack = Object.entries(attackCodes).map(([code, n]) => `${code}×${n}`).join(',');
      counted.queryMsUnderAttack = median(underAttack.ms);

      // `first: $n` is costed like the literal; so is a long list in a variable.
      const paged = await system.query('query($n: Int) { filings(first: $n) { nodes { id } } }', { n: 1_000_000 }, ADMIN);
      if (paged.status !== 400 || paged.errors?.[0]?.extensions?.maxCost !== MAX_QUERY_COST) losses.push(`first: $n = 1000000 was not refused by the cost limit: ${paged.status} ${JSON.stringify(paged.errors).slice(0, 300)}`);
      const locate = 'query($n: [String!]!, $v: [Float!]) { locateCenter(htsNumbers: $n, values: $v) { asOf } }';
      const negative = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: locate, variables: { n: ['8471.30.0100'], v: Array(24_000).fill(-1) } }),
      });
      const negativeBytes = (await negative.text()).length;
      if (negativeBytes > 10_000) losses.push(`values: [-1 × 24000] answered ${negativeBytes} bytes`);
      const fiftyBad = await system.query(locate, { n: numbers(MAX_LOCATE_LINES), v: Array(MAX_LOCATE_LINES).fill(-1) });
      const reported = fiftyBad.errors?.[0]?.extensions?.problems?.length;
      if (reported !== 50 || fiftyBad.errors?.[0]?.extensions?.moreProblems !== MAX_LOCATE_LINES - 50) {
        losses.push(`500 bad values reported ${reported} problems (${fiftyBad.errors?.[0]?.extensions?.moreProblems} more), not the first 50 and a count`);
      }
      const over = await system.query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) { asOf } }`, { n: numbers(MAX_LOCATE_LINES + 1) });
      if (over.errors?.[0]?.extensions?.code !== 'BAD_USER_INPUT') losses.push(`${MAX_LOCATE_LINES + 1} HTS numbers were not refused: ${JSON.stringify(over).slice(0, 300)}`);
      const one = await system.query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) ${LOCATE_LINES} }`, { n: numbers(MAX_LOCATE_LINES) });
      if (one.errors || one.data?.locateCenter?.lines?.length !== MAX_LOCATE_LINES) losses.push(`one locateCenter of ${MAX_LOCATE_LINES} numbers failed: ${JSON.stringify(one.errors).slice(0, 300)}`);
      counted.badValuesAnswerBytes = negativeBytes;

      const health = await healthOf(system);
      for (const [service, status] of Object.entries(health)) if (status !== 200) losses.push(`${service} /health answered ${status} after the drill`);
      return {
        did: `sent ${codes.length} oversize WebSocket frames, let a 3 s token expire on an open connection, opened ${burst} replays on one connection and ${more.length} more for the same identity, and had ${attackers} anonymous clients send ${rounds} × 15 aliased locateCenter calls of ${MAX_LOCATE_LINES} numbers, with the bypasses of the cost limit`,
        counted,
        losses,
      };
    } finally {
      // The system serves the drills after this one: what this one opened closes now.
      await Promise.all(connections.map((connection) => connection.client.dispose()));
    }
  });
}

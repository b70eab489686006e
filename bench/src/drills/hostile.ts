import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ERROR_CODES, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, issueUserToken } from '@cee-hub/common';
import { tokenWithoutExpiry } from '@cee-hub/common/testing';
import { seededIdentity } from '@cee-hub/db';
import type { System } from '@cee-hub/launcher/testing';
import { countChanges, type DrillContext, type DrillResult, entrySummaryInput, healthOf, settledTableCounts, tableCounts, timed } from './common';

/** One bad request of the corpus (hostile-corpus.json). */
export interface HostileEntry {
  id: string;
  category: string;
  note: string;
  target: 'gateway' | 'centers' | 'importers' | 'filings';
  /**
   * none | user:<email> | expired:<email> | forged:<email> (another secret) | alg-none:<email>
   * | swapped-payload:<email> (an importer's signature on an admin's payload) | header:<raw Authorization value>
   * | former-dev-secret:<email> (signed with the development secret earlier versions had in the source)
   * | no-exp:<email> (the right secret, no expiry)
   */
  auth: string;
  /**
   * For direct subgraph calls: none | forged | garbage | user-jwt (a user token where the gateway's goes)
   * | former-dev-secret (an ADMIN identity signed with the former public development secret) | no-exp (the right secret, no expiry).
   */
  internal?: string;
  query?: string;
  operationName?: string;
  /** Variables; `{ "$filing": overrides }` becomes a valid entry summary with the overrides, `{ "$importer": … }` a valid registration, `{ "$repeat": n, "value": v }` a list. */
  variables?: Record<string, unknown>;
  /** `{{repeat}}` in the query becomes `count` copies of `template` (`{{i}}` numbered). */
  repeat?: { count: number; template: string };
  /** `{{nest}}` in the query becomes `template` nested `count` times around `inner`. */
  nest?: { count: number; template: string; inner: string };
  /** Appends a comment of this many characters to the query. */
  pad?: number;
  /** A raw body instead of a JSON GraphQL request. */
  raw?: string;
  contentType?: string;
  method?: string;
}

/** The error codes a bad request may be refused with: the ones clients may branch on (@cee-hub/common). */
export const KNOWN_CODES: ReadonlySet<string> = new Set([...CLIENT_ERROR_CODES, 'METHOD_NOT_ALLOWED', 'TOO_MANY_REQUESTS']);

export function loadHostileCorpus(): HostileEntry[] {
  const file = path.resolve(__dirname, '../../src/drills/hostile-corpus.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: HostileEntry[] }).entries;
}

let importerSerial = Math.floor(Math.random() * 9_000_000);

function expandVariables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandVariables);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('$filing' in object) return entrySummaryInput(expandVariables(object.$filing) as Record<string, unknown>);
    if ('$importer' in object) {
      importerSerial += 1;
      return {
        importerNumber: `97-${String(importerSerial).padStart(7, '0')}00`,
        name: `Drill Importer ${importerSerial}`,
        address: { street: '1 Dock St', city: 'Long Beach', state: 'CA', postalCode: '90802', country: 'US' },
        contactEmail: `drill-${importerSerial}@importer.example`,
        ...(object.$importer as Record<string, unknown>),
      };
    }
    if ('$repeat' in object) return Array.from({ length: Number(object.$repeat) }, () => object.value);
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, expandVariables(inner)]));
  }
  return value;
}

function buildQuery(entry: HostileEntry): string {
  let query = entry.query ?? '';
  if (entry.repeat) {
    const { count, template } = entry.repeat;
    query = query.replace('{{repeat}}', Array.from({ length: count }, (_, i) => template.replaceAll('{{i}}', String(i))).join(' '));
  }
  if (entry.nest) {
    const { count, template, inner } = entry.nest;
    let nested = inner;
    for (let i = 0; i < count; i++) nested = template.replace('{{inner}}', nested);
    query = query.replace('{{nest}}', nested);
  }
  if (entry.pad) query = `${query} # ${'x'.repeat(entry.pad)}`;
  return query;
}

/** The secrets earlier versions had in the source (issue 10): anyone could sign with them, so they must open nothing. */
const FORMER_PUBLIC_JWT_SECRET = 'cee-hub-development-jwt-secret-not-for-production';
const FORMER_PUBLIC_INTERNAL_TOKEN_SECRET = 'cee-hub-development-internal-secret-not-for-production';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function authorization(system: System, auth: string): Promise<string | undefined> {
  if (auth === 'none') return undefined;
  const [kind, ...rest] = auth.split(':');
  const value = rest.join(':');
  switch (kind) {
    case 'user':
      return `Bearer ${await system.tokenFor(value)}`;
    case 'expired':
      return `Bearer ${await system.tokenFor(value, '-1m')}`;
    case 'forged':
      return `Bearer ${await issueUserToken(seededIdentity(value), 'a-forged-secret-that-is-long-enough-to-sign-with')}`;
    case 'alg-none':
      return `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...seededIdentity(value), sub: seededIdentity(value).subject, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    case 'swapped-payload': {
      const genuine = (await system.tokenFor('customs@pacific-circuit.example')).split('.');
      const admin = (await system.tokenFor(value)).split('.');
      return `Bearer ${genuine[0]}.${admin[1]}.${genuine[2]}`;
    }
    case 'former-dev-secret':
      return `Bearer ${await issueUserToken(seededIdentity(value), FORMER_PUBLIC_JWT_SECRET)}`;
    case 'no-exp':
      return `Bearer ${await tokenWithoutExpiry('user', seededIdentity(value), system.stack.secrets.jwtSecret)}`;
    case 'header':
      return value;
    default:
      throw new Error(`unknown auth ${auth}`);
  }
}

async function internalHeader(system: System, internal: string | undefined): Promise<Record<string, string>> {
  switch (internal) {
    case undefined:
    case 'none':
      return {};
    case 'forged':
      return { [INTERNAL_IDENTITY_HEADER]: await new InternalTokenSigner('a-forged-secret-that-is-long-enough-to-use').sign({ role: 'ADMIN' } as any) };
    case 'garbage':
      return { [INTERNAL_IDENTITY_HEADER]: 'garbage.garbage.garbage' };
    case 'user-jwt':
      return { [INTERNAL_IDENTITY_HEADER]: await system.tokenFor('admin@cbp.example') };
    case 'former-dev-secret':
      return { [INTERNAL_IDENTITY_HEADER]: await new InternalTokenSigner(FORMER_PUBLIC_INTERNAL_TOKEN_SECRET).sign({ role: 'ADMIN' }) };
    case 'no-exp':
      return { [INTERNAL_IDENTITY_HEADER]: await tokenWithoutExpiry('internal', { role: 'ADMIN' }, system.stack.secrets.internalTokenSecret) };
    default:
      throw new Error(`unknown internal ${internal}`);
  }
}

export interface HostileOutcome {
  id: string;
  status: number;
  codes: string[];
  problem?: string;
}

/** Sends one corpus entry and judges the answer: a 4xx or a GraphQL error with a known code, no 5xx, no stack trace. */
export async function sendHostile(system: System, entry: HostileEntry): Promise<HostileOutcome> {
  const url = `${system.stack.urls[entry.target]}/graphql`;
  const headers: Record<string, string> = { ...(await internalHeader(system, entry.internal)) };
  const auth = await authorization(system, entry.auth);
  if (auth !== undefined) headers.authorization = auth;
  const method = entry.method ?? 'POST';
  let body: string | undefined;
  let target = url;
  if (entry.raw !== undefined) body = entry.raw;
  else {
    const request = { query: buildQuery(entry), variables: expandVariables(entry.variables), operationName: entry.operationName };
    if (method === 'GET') {
      const params = new URLSearchParams({ query: request.query });
      if (request.variables) params.set('variables', JSON.stringify(request.variables));
      target = `${url}?${params.toString()}`;
    } else body = JSON.stringify(request);
  }
  const contentType = entry.contentType ?? 'application/json';
  if (contentType) headers['content-type'] = contentType;
  if (method === 'GET') headers.accept = 'application/json';
  let response: Response;
  try {
    response = await fetch(target, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    return { id: entry.id, status: 0, codes: [], problem: `no answer: ${(error as Error).message}` };
  }
  const text = await response.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const errors: any[] = Array.isArray(parsed?.errors) ? parsed.errors : [];
  const codes = [...new Set(errors.map((e) => String(e?.extensions?.code ?? 'none')))];
  const outcome: HostileOutcome = { id: entry.id, status: response.status, codes };
  const excerpt = text.slice(0, 300).replace(/\s+/g, ' ');
  if (response.status >= 500) outcome.problem = `answered ${response.status}: ${excerpt}`;
  else if (/\n\s+at [\w.<]|"stacktrace"|\bat \S+ \(\/|node:internal|node_modules\//.test(text)) outcome.problem = `a stack trace in the body: ${excerpt}`;
  else if (response.status >= 400) {
    const unknown = codes.filter((code) => code !== 'none' && !KNOWN_CODES.has(code));
    if (unknown.length) outcome.problem = `${response.status} with unknown codes ${unknown.join(',')}: ${excerpt}`;
  } else if (errors.length === 0) outcome.problem = `accepted (${response.status}) without an error: ${excerpt}`;
  else {
    const unknown = codes.filter((code) => !KNOWN_CODES.has(code));
    if (unknown.length) outcome.problem = `${response.status} with unknown codes ${unknown.join(',')}: ${excerpt}`;
  }
  return outcome;
}

/** The corpus sent through the gateway and straight at the subgraphs: every one refused, nothing written, everything up. */
export function hostileInputDrill({ system, size }: DrillContext): Promise<DrillResult> {
  return timed('hostile input', async () => {
    const losses: string[] = [];
    const corpus = loadHostileCorpus();
    if (corpus.length < 200) losses.push(`the corpus holds only ${corpus.length} entries`);
    const before = await settledTableCounts(system, { intervalMs: 700, timeoutMs: 21_000 });
    const lastEvent = Number((await system.sql<{ id: string }>(`SELECT coalesce(max(id), 0) AS id FROM filings.filing_event`))[0]!.id);
    const outcomes: HostileOutcome[] = [];
    // Some at a time; the reduced size sends the same corpus with less concurrency.
    const parallel = size === 'full' ? 8 : 4;
    for (let i = 0; i < corpus.length; i += parallel) {
      outcomes.push(...(await Promise.all(corpus.slice(i, i + parallel).map((entry) => sendHostile(system, entry)))));
    }
    for (const outcome of outcomes) if (outcome.problem) losses.push(`${outcome.id} (${corpus.find((e) => e.id === outcome.id)!.note}): ${outcome.problem}`);

    const after = await tableCounts(system);
    // The review sweep may start reviews of seeded summaries meanwhile; those writes are the
    // workflow's (actor_role SYSTEM) on summaries that existed before, and are not the corpus's.
    const background = await system.sql<{ n: string; other: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE actor_role <> 'SYSTEM') AS other FROM filings.filing_event WHERE id > $1`,
      [lastEvent],
    );
    const changes = countChanges(before, after).filter((change) => {
      const table = change.split(':')[0];
      return !((table === 'filings.filing_event' || table === 'filings.review') && Number(background[0]!.other) === 0);
    });
    for (const change of changes) losses.push(`a table changed under the corpus: ${change}`);
    if (Number(background[0]!.other) > 0) losses.push(`${background[0]!.other} non-workflow events were written during the corpus`);
    const health = await healthOf(system);
    for (const [service, status] of Object.entries(health)) if (status !== 200) losses.push(`${service} /health answered ${status} after the corpus`);

    const byStatus: Record<string, number> = {};
    for (const outcome of outcomes) byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
    const byCode: Record<string, number> = {};
    for (const outcome of outcomes) for (const code of outcome.codes) byCode[code] = (byCode[code] ?? 0) + 1;
    const categories = [...new Set(corpus.map((e) => e.category))];
    return {
      did: `sent ${corpus.length} bad requests (${categories.join(', ')}) to the gateway and the subgraphs, compared the row counts of ${Object.keys(before).length} tables, checked every /health`,
      counted: {
        requests: outcomes.length,
        refusedCleanly: outcomes.filter((o) => !o.problem).length,
        problems: outcomes.filter((o) => o.problem).length,
        statuses: Object.entries(byStatus).map(([s, n]) => `${s}×${n}`).join(','),
        codes: Object.entries(byCode).map(([c, n]) => `${c}×${n}`).join(','),
        backgroundWorkflowEvents: Number(background[0]!.n),
        tablesChanged: changes.length,
        processesUp: Object.values(health).filter((s) => s === 200).length,
      },
      losses,
    };
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { BodyTooLargeError, type Identity, isLoopbackHost, issueUserToken, type Logger, readBody, ROLES, sendJson } from '@cee-hub/common';
import type { GatewayContext } from './server';

/** A person the development sign-in offers, and the identity their token carries. */
export interface SignInPerson {
  email: string;
  name: string;
  role: Identity['role'];
  /** Staff: their Center. Importers: the Center that processes their entry summaries, if any. */
  centerId: string | null;
  identity: Identity;
}

/** The people who can sign in, asked afresh for every sign-in. */
export type ListPeople = () => Promise<SignInPerson[]>;

/** Sign-in answers (tokens above all) are never to be kept by a cache. */
const NO_STORE = { 'cache-control': 'no-store' };

/** Who asks the graph for its people: an admin, the one role that sees all of them. */
const DIRECTORY_READER: Identity = { role: 'ADMIN', name: 'development sign-in' };

const STAFF_QUERY = 'query DevSignInStaff { staffMembers { id name email role center { id } } }';
const IMPORTERS_QUERY = `query DevSignInImporters($after: String) {
  importers(first: 100, after: $after) { nodes { id name contactEmail participation { center { id } } } pageInfo { hasNextPage endCursor } }
}`;

interface StaffNode {
  id: string;
  name: string;
  email: string;
  role: Identity['role'];
  center: { id: string } | null;
}
interface ImporterNode {
  id: string;
  name: string;
  contactEmail: string;
  participation: { center: { id: string } | null };
}
interface ImportersPage {
  importers: { nodes: ImporterNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * The people of the gateway's own graph, read as an admin: the admins first, then the staff of
 * each Center by role, then the importers by name, each with the identity `npm run token` gives them.
 * The graph rather than the seed data, so the gateway depends on no database code, and whoever
 * the database holds can sign in.
 */
export function peopleFromGraph(apollo: ApolloServer<GatewayContext>, logger: Logger): ListPeople {
  const ask = async <TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { identity: DIRECTORY_READER, requestId: 'dev-sign-in', logger } });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result?.data || result.errors?.length) throw new Error(`the graph did not list the people to sign in as: ${result?.errors?.map((error) => error.message).join('; ') ?? 'no result'}`);
    return result.data as TData;
  };
  return async () => {
    const { staffMembers } = await ask<{ staffMembers: StaffNode[] }>(STAFF_QUERY);
    const importers: ImporterNode[] = [];
    for (let after: string | null = null; ; ) {
      const { importers: page }: ImportersPage = await ask<ImportersPage>(IMPORTERS_QUERY, { after });
      importers.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const staff = [...staffMembers].sort(
      (a, b) => Number(b.role === 'ADMIN') - Number(a.role === 'ADMIN') || (a.center?.id ?? '').localeCompare(b.center?.id ?? '') || ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.email.localeCompare(b.email),
    );
    return [
      ...staff.map(({ id, name, email, role, center }) => ({ email, name, role, centerId: center?.id ?? null, identity: { role, subject: id, email, name, centerId: center?.id } })),
      ...importers
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ id, name, contactEmail, participation }) => ({
          email: contactEmail,
          name,
          role: 'IMPORTER' as const,
          centerId: participation.center?.id ?? null,
          identity: { role: 'IMPORTER' as const, subject: id, email: contactEmail, name, importerId: id },
        })),
    ];
  };
}

/** GET lists the people to sign in as; POST `{ email }` answers `{ token }` for one of them. */
export async function answerDevSignIn(request: IncomingMessage, response: ServerResponse, options: { jwtSecret: string; people: ListPeople }): Promise<void> {
  // Tokens for anyone who asks are for the person at this machine only, whatever the gateway listens on.
  if (!isLoopbackHost(request.socket.remoteAddress ?? '')) {
    sendJson(response, 403, { error: 'The development sign-in answers requests from this machine only' }, NO_STORE);
    return;
  }
  if (request.method === 'GET') {
    const users = (await options.people()).map(({ email, name, role, centerId }) => ({ email, name, role, centerId }));
    sendJson(response, 200, { users }, NO_STORE);
    return;
  }
  if (request.method !== 'POST') {
    sendJson(response, 405, { error: 'Use GET to list the people to sign in as and POST { "email": … } for a token' }, { ...NO_STORE, allow: 'GET, POST' });
    return;
  }
  let email: unknown;
  try {
    email = (JSON.parse(await readBody(request, 4096)) as { email?: unknown } | null)?.email;
  } catch (error) {
    // An oversized or unreadable body is answered like one without an email.
    if (!(error instanceof BodyTooLargeError) && !(error instanceof SyntaxError)) throw error;
  }
  if (typeof email !== 'string') {
    sendJson(response, 400, { error: 'Send { "email": "<the email of someone listed>" }' }, NO_STORE);
    return;
  }
  const person = (await options.people()).find((candidate) => candidate.email === email.trim().toLowerCase());
  if (!person) {
    sendJson(response, 404, { error: `Nobody listed has the email ${email}` }, NO_STORE);
    return;
  }
  sendJson(response, 200, { token: await issueUserToken(person.identity, options.jwtSecret) }, NO_STORE);
}

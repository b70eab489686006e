import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import {
  BadUserInputError,
  CLIENT_ERROR_CODES,
  httpStatusOf,
  type Identity,
  INTERNAL_IDENTITY_HEADER,
  type InternalTokenVerifier,
  type Logger,
  sendJson,
  today,
  UnauthenticatedError,
} from '@cee-hub/common';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import { GraphQLError } from 'graphql';
import type { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { audienceOf } from '../access/filing-audience';
import { where } from '../filing/entry-summary.repository';
import { EXPORT_ROW_SELECT, ExportCsvTransform, type ImporterLookup } from './filing-export.csv';
import { exportSearchRequest, inExportTerms } from './filing-export.parameters';
import { SEARCH_ORDER_SQL, searchSql } from './filing-search.repository';
import type { FilingSearchService, PreparedSearch } from './filing-search.service';

/** Where the export is served, on the subgraph and (forwarded) on the gateway. */
export const EXPORT_PATH = '/exports/filings.csv';

/**
 * Summaries fetched per round trip of the cursor, and turned into CSV at a time: large enough
 * that round trips and writes cost little per row, small enough that an export holds a few MiB.
 */
export const EXPORT_BATCH_ROWS = 1_000;

/** A client that reads nothing for this long (its socket stalled) is cut off, and its connection freed. */
const STALLED_CLIENT_MS = 60_000;

/**
 * The export's statement: searchFilings' matches (the same FROM and WHERE), one row per summary
 * with its lines, in the order searchFilings pages them. Newest first walks the index of that
 * order, so the first rows come at once however many match.
 */
export function exportStatement({ criteria, importerIds }: PreparedSearch): { text: string; values: unknown[] } {
  const sql = searchSql(criteria, importerIds);
  // searchSql joins the review as `r` only when a condition or the order reads it; the step column always does.
  const order = SEARCH_ORDER_SQL[criteria.order];
  return {
    text: `SELECT ${EXPORT_ROW_SELECT}
             FROM ${sql.from} LEFT JOIN filings.review rv ON rv.entry_summary_id = s.id
           ${where(sql.conditions)}
            ORDER BY ${order}`,
    values: sql.params,
  };
}

export interface FilingExportOptions {
  dataSource: DataSource;
  search: FilingSearchService;
  verifier: InternalTokenVerifier;
  logger: Logger;
}

/**
 * `GET /exports/filings.csv?<filter>`: the matches of a searchFilings filter as CSV, streamed
 * from a cursor with backpressure, never held whole. The filter is checked as searchFilings
 * checks it (the same criteria, the same scope of the caller) and refused as JSON before any
 * byte of CSV; the caller's identity is the one the gateway signs, as for GraphQL.
 */
export function filingExportRoute(options: FilingExportOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const importers = new ImporterDirectory(options.dataSource);
  const lookup: ImporterLookup = (ids) => importers.byIds(ids);

  async function handle(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, logger: Logger): Promise<void> {
    if (request.method !== 'GET') {
      return sendJson(response, 405, { errors: [{ message: 'Ask for an export with GET', extensions: { code: 'BAD_REQUEST' } }] }, { allow: 'GET' });
    }
    const header = request.headers[INTERNAL_IDENTITY_HEADER];
    const identity = await options.verifier.verify(typeof header === 'string' ? header : undefined);
    if (identity.role === 'PUBLIC') throw new UnauthenticatedError('Sign in to export entry summaries: send the same Authorization header as to the graph');
    let search: PreparedSearch;
    try {
      search = await options.search.prepare(identity, exportSearchRequest(query));
    } catch (error) {
      throw error instanceof BadUserInputError ? inExportTerms(error) : error;
    }
    await streamExport(options.dataSource, lookup, search, identity, response, logger);
  }

  return (request, response) => {
    // Every request passes here first (GraphQL's too): a prefix test before parsing a URL.
    const url = request.url ?? '/';
    if (!url.startsWith(EXPORT_PATH)) return false;
    const parsed = new URL(url, 'http://localhost');
    if (parsed.pathname !== EXPORT_PATH) return false;
    const requestIdHeader = request.headers['x-request-id'];
    const requestId = typeof requestIdHeader === 'string' && /^[\w.-]{1,64}$/.test(requestIdHeader) ? requestIdHeader : randomUUID();
    const logger = options.logger.child({ requestId });
    handle(request, response, parsed.searchParams, logger).catch((error: unknown) => {
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && CLIENT_ERROR_CODES.has(error.extensions.code)) {
        return answerError(response, httpStatusOf(error.extensions.code), error);
      }
      logger.error({ err: error }, 'filings export failed');
      if (response.headersSent) response.destroy();
      else answerError(response, 500, new GraphQLError('The export failed; try again', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    });
    return true;
  };
}

/** Streams the matches of a checked search to the response, on a connection of the DataSource's pool. */
async function streamExport(dataSource: DataSource, lookup: ImporterLookup, search: PreparedSearch, identity: Identity, response: ServerResponse, logger: Logger): Promise<void> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const client = await pool.connect();
  try {
    // PostgreSQL times a cursor's statement from its first batch to its last (one timer until the
    // cursor's Sync), so a statement_timeout of the pool would cut a long export however fast each
    // batch comes. The export lifts it on its own connection (released with it reset): an
    // export's length is its size and its client's pace, and a client that goes away or stalls
    // (STALLED_CLIENT_MS) ends it.
    await client.query('SET statement_timeout = 0');
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  const { text, values } = exportStatement(search);
  const rows = client.query(new QueryStream(text, values, { batchSize: EXPORT_BATCH_ROWS, rowMode: 'array' }));
  releaseWhenClosed(client, rows, logger);
  const csv = new ExportCsvTransform(lookup, audienceOf(identity), EXPORT_BATCH_ROWS);
  // Any failure, or the client going away (csv destroyed below), destroys the cursor too.
  pipeline(rows, csv, () => undefined);
  const clientGone = () => {
    if (!response.writableFinished) csv.destroy();
  };
  response.once('close', clientGone);
  // A client gone while the search was being checked has closed already.
  if (response.destroyed) clientGone();
  response.setTimeout(STALLED_CLIENT_MS, () => response.destroy());
  try {
    for await (const chunk of csv) {
      if (!response.headersSent) {
        response.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="filings-${today()}.csv"`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        });
      }
      if (!response.write(chunk)) await drainedOrClosed(response);
    }
  } catch (error) {
    if (response.destroyed) {
      logger.info('export ended by the client before its end');
      return;
    }
    throw error;
  }
  if (response.destroyed) return;
  response.end();
}

function answerError(response: ServerResponse, status: number, error: GraphQLError): void {
  if (response.headersSent) return void response.destroy();
  const { code, field, problems, moreProblems } = error.extensions;
  sendJson(response, status, { errors: [{ message: error.message, extensions: { code, ...(field ? { field, problems, ...(moreProblems ? { moreProblems } : {}) } : {}) } }] });
}

/**
 * Gives the connection back to the pool once the cursor is closed: at its end, on an error and
 * when the client went away (destroying the stream closes the cursor, and only then closes it),
 * with the pool's statement_timeout back. A connection whose cursor or socket failed is
 * discarded rather than handed to the next caller.
 */
function releaseWhenClosed(client: PoolClient, rows: QueryStream, logger: Logger): void {
  let failure: Error | undefined;
  const onClientError = (error: Error) => {
    failure = error;
    rows.destroy(error);
  };
  client.on('error', onClientError);
  (rows.cursor as NodeJS.EventEmitter).once('error', (error: Error) => {
    failure = error;
  });
  rows.once('close', () => {
    if (failure) {
      client.off('error', onClientError);
      logger.warn({ err: failure }, 'export cursor failed; its connection is discarded');
      client.release(failure);
      return;
    }
    client.query('RESET statement_timeout').then(
      () => {
        client.off('error', onClientError);
        client.release();
      },
      (error: Error) => {
        client.off('error', onClientError);
        client.release(error);
      },
    );
  });
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed) return resolve();
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

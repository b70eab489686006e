import { postGraphQL } from '@cee-hub/common/testing';
import { ADMIN, PACIFIC, type DrillContext, type DrillResult, holdsWithin, timed } from './common';

const NEEDS_IMPORTERS = '{ filings(first: 20) { nodes { entryNumber status importer { name } } } }';
const NO_IMPORTERS = '{ centers { id } }';
const MIXED = '{ centers { id } me { name } }';

/** The importers subgraph killed: partial data with an error, other queries fine, recovery on its own. */
export function subgraphOutageDrill({ system }: DrillContext): Promise<DrillResult> {
  return timed('subgraph outage', async () => {
    const losses: string[] = [];
    const before = await system.query(NEEDS_IMPORTERS, undefined, ADMIN);
    if (before.errors) losses.push(`the cross-subgraph query failed before the outage: ${JSON.stringify(before.errors)}`);

    await system.stack.kill('importers', 'SIGKILL');
    const partial = await system.query(NEEDS_IMPORTERS, undefined, ADMIN);
    const nodes: any[] = partial.data?.filings?.nodes ?? [];
    if (partial.status !== 200) losses.push(`during the outage the query answered ${partial.status}, not 200 with partial data`);
    if (nodes.length === 0) losses.push(`during the outage the filings themselves were lost: ${JSON.stringify(partial).slice(0, 500)}`);
    if (!partial.errors?.length) losses.push('during the outage the query reported no error for the missing importer fields');
    const errorPaths = (partial.errors ?? []).map((e) => (e.path ?? []).join('.'));
    const errorCodes = [...new Set((partial.errors ?? []).map((e) => String(e.extensions?.code ?? 'none')))];
    const pointsAtImporter = (partial.errors ?? []).some((e) => (e.path ?? []).includes('importer') || /importer/i.test(e.message));
    if (partial.errors?.length && !pointsAtImporter) losses.push(`the outage errors do not name the missing fields: ${JSON.stringify(partial.errors).slice(0, 500)}`);
    if (nodes.some((node) => node.entryNumber == null)) losses.push('fields of the live filings subgraph were lost in the outage');
    const stack = JSON.stringify(partial).match(/\n\s+at |stacktrace/);
    if (stack) losses.push('the outage error carries a stack trace');

    // Where the schema leaves room for it (a nullable importers field next to a centers one),
    // the gateway should answer the rest and null the missing field with an error on its path.
    const mixed = await system.query(MIXED, undefined, PACIFIC.contactEmail);
    const mixedPartial = mixed.status === 200 && mixed.data?.centers?.length === 10 && mixed.data?.me === null;
    const mixedPath = (mixed.errors ?? []).map((e) => (e.path ?? []).join('.')).join(' ') || 'none';
    if (!mixedPartial) losses.push(`a query mixing centers with the nullable \`me\` lost the centers too: ${JSON.stringify(mixed).slice(0, 300)}`);
    // Apollo Gateway reports a failed subgraph fetch without a path; the error names the service instead.
    const namesService = (mixed.errors ?? []).some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions?.service === 'importers');
    if (!namesService) losses.push(`the outage error of \`me\` does not name the unavailable service: ${JSON.stringify(mixed.errors).slice(0, 300)}`);

    const unaffected = await system.query(NO_IMPORTERS);
    if (unaffected.errors || unaffected.data?.centers?.length !== 10) losses.push(`a query not needing importers was affected: ${JSON.stringify(unaffected).slice(0, 300)}`);
    const gatewayHealth = (await fetch(`${system.stack.urls.gateway}/health`).catch(() => null))?.status ?? 0;
    if (gatewayHealth !== 200) losses.push(`gateway /health answered ${gatewayHealth} during the outage`);
    const gatewayReady = (await fetch(`${system.stack.urls.gateway}/ready`).catch(() => null))?.status ?? 0;

    const restarted = Date.now();
    await system.restart('importers');
    const answersWhole = async () => {
      const again = await system.query(NEEDS_IMPORTERS, undefined, ADMIN);
      return !again.errors && (again.data?.filings?.nodes ?? []).every((n: any) => n.importer?.name);
    };
    const recovered = await holdsWithin('the gateway to answer with importer names again', answersWhole, 60_000 - (Date.now() - restarted), 250);
    const recoveredAfter = recovered ? (Date.now() - restarted) / 1000 : -1;
    if (recoveredAfter < 0) losses.push('the gateway did not recover within 60 s of the importers subgraph returning');
    // Direct check that the subgraph answers through its own port too.
    const direct = await postGraphQL(`${system.stack.urls.importers}/graphql`, '{ __typename }').catch(() => null);
    return {
      did: 'SIGKILLed the importers subgraph, queried filings with importer names (as admin) and the Center directory (public), checked the gateway, restarted importers',
      counted: {
        filingsDuringOutage: nodes.length,
        importerNamesDuringOutage: nodes.filter((n) => n.importer?.name).length,
        outageErrors: partial.errors?.length ?? 0,
        outageErrorCodes: errorCodes.join(','),
        outageErrorPaths: [...new Set(errorPaths)].slice(0, 3).join(' ') || 'none',
        mixedQueryPartial: mixedPartial ? 'yes' : 'no',
        mixedQueryErrorPaths: mixedPath,
        gatewayHealthDuringOutage: gatewayHealth,
        gatewayReadyDuringOutage: gatewayReady,
        recoveredSecondsAfterRestart: recoveredAfter,
        importersDirectStatusAfter: direct?.status ?? 0,
      },
      losses,
    };
  });
}

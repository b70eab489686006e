/**
 * Writes hostile-corpus.json from a few templates. The JSON file is the corpus the drill uses
 * and is kept in the repository; run `node bench/dist/drills/make-hostile-corpus.js` after
 * changing the templates here.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HostileEntry } from './hostile';

const FILE = 'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }';
const REGISTER = 'mutation($input: RegisterImporterInput!) { registerImporter(input: $input) { id } }';
const IMPORTER = 'user:customs@pacific-circuit.example';
const ADMIN = 'user:admin@cbp.example';
const SPECIALIST = 'user:entry-specialist.electronics@cbp.example';
const PHARMA = 'user:entry-specialist.pharma@cbp.example';
const PACIFIC_ID = '2e860722-f114-536c-b8bd-b83556cbc4f5';

const entries: HostileEntry[] = [];
const add = (category: string, entry: Omit<HostileEntry, 'id' | 'category'>) => {
  const n = entries.filter((e) => e.category === category).length + 1;
  entries.push({ id: `${category}-${String(n).padStart(2, '0')}`, category, ...entry });
};
const filing = (category: string, note: string, overrides: Record<string, unknown>, auth = IMPORTER) =>
  add(category, { note, target: 'gateway', auth, query: FILE, variables: { input: { $filing: overrides } } });
const line = (fields: Record<string, unknown>) => ({ lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 100, dutyRate: 0, ...fields }] });

// Entry numbers: filer code (3), serial (7), check digit (1).
for (const entryNumber of [
  '', '1', 'ABC', 'ABC-1234567-5', 'ABC-1234567-0', 'ABC12345675', 'abc-1234567-5x', '###-#######-#', 'ABCD-1234567-5', 'AB-1234567-5',
  'ABC-123456-5', 'ABC-12345678-5', 'ABC-1234567-55', '   -       - ', 'ÄBC-1234567-5', "'; DROP TABLE filings.entry_summary; --", 'ABC-1234567-5\u0000',
  'x'.repeat(5000), '0'.repeat(13), 'ABC\n1234567\n5', '<script>alert(1)</script>', 'ABC-1234567-A', '１２３-1234567-5',
]) filing('entry-number', `entry number ${JSON.stringify(entryNumber).slice(0, 40)}`, { entryNumber });
filing('entry-number', 'entry number as a number', { entryNumber: 12345675 });
filing('entry-number', 'entry number null', { entryNumber: null });
filing('entry-number', 'entry number as a list', { entryNumber: ['ABC-1234567-5'] });

// HTS numbers.
for (const htsNumber of [
  '', '12', '8542', '8542.31', '8542.31.000', '8542.31.00000', 'abcd.ef.ghij', '9903.88.0300', '0000.00.0000', '9999.99.9999', '8542.31.000X',
  '-542.31.0000', '8542.31.0000; DELETE FROM filings.entry_summary_line', '８５４２.31.0000', '8542.31.0000'.repeat(50), '💥', '1e10', 'null',
]) filing('hts-number', `HTS ${JSON.stringify(htsNumber).slice(0, 40)}`, line({ htsNumber }));
filing('hts-number', 'HTS as a number', line({ htsNumber: 8542310000 }));
filing('hts-number', 'country of origin "Korea"', line({ countryOfOrigin: 'Korea' }));
filing('hts-number', 'country of origin ""', line({ countryOfOrigin: '' }));

// Importers: registration numbers and references to importers.
const register = (note: string, overrides: Record<string, unknown>, auth = 'none') =>
  add('importer-number', { note, target: 'gateway', auth, query: REGISTER, variables: { input: { $importer: overrides } } });
for (const importerNumber of [
  '', '1', '95-12345', '95-1234567', '95-12345670000', 'AB-1234567XX', '123-45-678', '99999999999999999999', "95'; --",
  '95-123456700', // the seeded Pacific Circuit number: a duplicate
  '９５-1234567-00', 'null', '<b>95</b>',
]) register(`importer number ${JSON.stringify(importerNumber)}`, { importerNumber });
register('contact email "not-an-email"', { contactEmail: 'not-an-email' });
register('empty name', { name: '' });
register('postal code "ABCDE"', { address: { street: '1 Dock St', city: 'Long Beach', state: 'CA', postalCode: 'ABCDE', country: 'US' } });
register('state "Californ"', { address: { street: '1 Dock St', city: 'Long Beach', state: 'Californ', postalCode: '90802', country: 'US' } });
register('ctpatTier "PLATINUM"', { ctpatTier: 'PLATINUM' });
for (const importerId of ['', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', "' OR 1=1 --", 'b'.repeat(300)]) {
  filing('importer-number', `fileEntrySummary for importer ${JSON.stringify(importerId).slice(0, 30)} as admin`, { importerId }, ADMIN);
}
filing('importer-number', 'an importer filing for another importer', { importerId: '7874748b-0769-563e-9b3e-fab2b925667d' });

// Dates.
for (const entryDate of ['', '2025-02-30', '2025-13-01', '2025-1-1', 'yesterday', '01/02/2025', '2099-01-01', '1999-01-04', '0000-00-00', '2025-02-28T00:00:00Z', "2025-01-01'; --"]) {
  filing('date', `entry date ${JSON.stringify(entryDate)}`, { entryDate });
}
for (const releaseDate of ['2025-02-31', 'tomorrow', '2025-00-10']) filing('date', `release date ${JSON.stringify(releaseDate)}`, { releaseDate });
for (const effectiveFrom of ['2025-02-30', 'soon']) {
  add('date', {
    note: `changeCenterCoverage effectiveFrom ${effectiveFrom} as admin`,
    target: 'gateway',
    auth: ADMIN,
    query: 'mutation($i: ChangeCoverageInput!) { changeCenterCoverage(input: $i) { __typename } }',
    variables: { i: { centerId: 'ELECTRONICS', firstHeading: '8542', lastHeading: '8542', effectiveFrom, source: 'drill' } },
  });
}

// Amounts.
for (const enteredValue of [-1, -0.01, 1e15, 1e20, 1e308, '12.50', 'abc', null, true]) {
  filing('amount', `entered value ${JSON.stringify(enteredValue)}`, line({ enteredValue }));
}
for (const dutyRate of [-5, 1e6, 10_000, 'five', null]) filing('amount', `duty rate ${JSON.stringify(dutyRate)}`, line({ dutyRate }));
filing('amount', 'no lines', { lines: [] });
filing('amount', '1000 lines of negative values', { lines: { $repeat: 1000, value: { htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: -1, dutyRate: 0 } } });
filing('amount', 'entry type "99"', { entryType: '99' });
filing('amount', 'port of entry "27"', { portOfEntry: '27' });
filing('amount', 'unknown input field', { salary: 1 });

// Query shape: deep, wide, aliased, oversized, batched.
for (const depth of [8, 12, 20, 40]) {
  add('query-shape', { note: `nesting ${depth} deep`, target: 'gateway', auth: 'none', query: '{ center(id: "PHARMA") { {{nest}} } }', nest: { count: depth, template: 'coverage { center { {{inner}} } }', inner: 'id' } });
}
for (const count of [30, 100, 1000]) {
  add('query-shape', { note: `${count} aliases`, target: 'gateway', auth: 'none', query: '{ {{repeat}} }', repeat: { count, template: 'a{{i}}: centers { id }' } });
}
for (const count of [2500, 10_000]) {
  add('query-shape', { note: `${count} __typename fields`, target: 'gateway', auth: 'none', query: '{ {{repeat}} }', repeat: { count, template: '__typename' } });
}
add('query-shape', { note: '200 KB query', target: 'gateway', auth: 'none', query: '{ centers { id } }', pad: 200_000 });
add('query-shape', { note: '2 MB query', target: 'gateway', auth: 'none', query: '{ centers { id } }', pad: 2_000_000 });
add('query-shape', { note: '1000 directives on a field', target: 'gateway', auth: 'none', query: '{ centers { id {{repeat}} } }', repeat: { count: 1000, template: '@include(if: true)' } });
add('query-shape', { note: 'cyclic fragments', target: 'gateway', auth: 'none', query: '{ centers { ...A } } fragment A on Center { ...B } fragment B on Center { ...A }' });
add('query-shape', { note: 'two operations, none named', target: 'gateway', auth: 'none', query: 'query A { centers { id } } query B { centers { id } }' });
add('query-shape', { note: 'unknown operationName', target: 'gateway', auth: 'none', query: 'query A { centers { id } }', operationName: 'B' });
add('query-shape', { note: 'unknown field', target: 'gateway', auth: 'none', query: '{ centers { id salary } }' });
add('query-shape', { note: 'parse error', target: 'gateway', auth: 'none', query: '{ centers { id ' });
add('query-shape', { note: 'empty query', target: 'gateway', auth: 'none', query: '' });
add('query-shape', { note: 'variable of the wrong type', target: 'gateway', auth: 'none', query: 'query($n: [String!]!) { locateCenter(htsNumbers: $n) { asOf } }', variables: { n: 42 } });
add('query-shape', { note: 'locateCenter with 100 000 HTS numbers', target: 'gateway', auth: 'none', query: 'query($n: [String!]!) { locateCenter(htsNumbers: $n) { asOf } }', variables: { n: { $repeat: 100_000, value: '8542.31.0000' } } });
add('query-shape', { note: 'filings(first: 1000000)', target: 'gateway', auth: ADMIN, query: '{ filings(first: 1000000) { totalCount } }' });
add('query-shape', { note: 'filings(first: -1)', target: 'gateway', auth: ADMIN, query: '{ filings(first: -1) { totalCount } }' });
add('query-shape', { note: 'filings(after: garbage cursor)', target: 'gateway', auth: ADMIN, query: '{ filings(first: 5, after: "%%%not-a-cursor") { totalCount } }' });
add('query-shape', { note: 'filing(id: not a uuid)', target: 'gateway', auth: ADMIN, query: '{ filing(id: "not-a-uuid") { id } }' });
add('query-shape', { note: 'mutation over GET', target: 'gateway', auth: ADMIN, method: 'GET', query: 'mutation { withdrawParticipation { id } }' });
add('query-shape', { note: 'subscription over POST', target: 'gateway', auth: ADMIN, query: 'subscription { __typename }' });
add('query-shape', { note: 'batched array of 100 operations', target: 'gateway', auth: 'none', raw: JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ centers { id } }' }))) });

// List sizes and the cost of an operation with its variables (issue 10, item 7): costed by the
// variables' values, not only by literals, and refused before any subgraph is asked.
const LOCATE_LIST = 'query($n: [String!]!, $v: [Float!]) { locateCenter(htsNumbers: $n, values: $v) { asOf } }';
add('list-size', { note: 'filings(first: $n) with n = 1000000', target: 'gateway', auth: ADMIN, query: 'query($n: Int) { filings(first: $n) { nodes { id } } }', variables: { n: 1_000_000 } });
add('list-size', { note: 'pages of pages through variables', target: 'gateway', auth: ADMIN, query: 'query($n: Int) { centers { filings(first: $n) { nodes { importer { filings(first: $n) { nodes { id } } } } } } }', variables: { n: 100 } });
add('list-size', {
  note: '15 aliases of locateCenter with 500 HTS numbers each',
  target: 'gateway',
  auth: 'none',
  query: 'query($n: [String!]!) { {{repeat}} }',
  repeat: { count: 15, template: 'a{{i}}: locateCenter(htsNumbers: $n) { lines { input htsNumber center { id } } }' },
  variables: { n: { $repeat: 500, value: '8471.30.0100' } },
});
add('list-size', { note: 'locateCenter with 501 HTS numbers', target: 'gateway', auth: 'none', query: LOCATE_LIST, variables: { n: { $repeat: 501, value: '8471.30.0100' } } });
add('list-size', { note: 'locateCenter values: [-1 × 24000] for one number', target: 'gateway', auth: 'none', query: LOCATE_LIST, variables: { n: ['8471.30.0100'], v: { $repeat: 24_000, value: -1 } } });
add('list-size', { note: 'locateCenter with 500 negative values', target: 'gateway', auth: 'none', query: LOCATE_LIST, variables: { n: { $repeat: 500, value: '8471.30.0100' }, v: { $repeat: 500, value: -1 } } });
add('list-size', { note: 'locateCenter values as strings in a variable', target: 'gateway', auth: 'none', query: LOCATE_LIST, variables: { n: ['8471.30.0100'], v: { $repeat: 5000, value: 'x' } } });

// Malformed JSON and wrong content types.
for (const raw of [
  '{"query": ', '{', '}', '[', 'null', '"just a string"', '42', 'true', '{"query": 42}', '{"query": null}', '{"query": ["{ centers { id } }"]}', '{"query": "{ centers { id } }", "variables": "nope"}',
  '{"query": "{ centers { id } }", "variables": [1,2]}', '{"query": "{ centers { id } }", "extensions": "x"}', '{"query": "{ centers { id } }",}', "{'query': '{ centers { id } }'}",
  '\u0000\u0001\u0002', '{"query": "{ centers { id } }"} trailing', '{"query": "\\ud800"}', '{"a":'.repeat(2_000),
]) add('malformed-json', { note: `body ${JSON.stringify(raw).slice(0, 40)}`, target: 'gateway', auth: 'none', raw });
for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'image/png', 'application/json; charset=utf-16', 'application/graphql']) {
  add('content-type', { note: `content type ${contentType}`, target: 'gateway', auth: 'none', contentType, raw: contentType.startsWith('application/graphql') ? '{ centers { id ' : '{"query": "mutation { withdrawParticipation { id } }"}' });
}
add('content-type', { note: 'no content type', target: 'gateway', auth: 'none', contentType: '', raw: '{"query": "{ centers { id ' });
add('content-type', { note: 'PUT', target: 'gateway', auth: 'none', method: 'PUT', raw: '{"query": "{ centers { id } }"}' });
add('content-type', { note: 'DELETE', target: 'gateway', auth: 'none', method: 'DELETE', raw: '' });
add('content-type', { note: 'PATCH', target: 'gateway', auth: 'none', method: 'PATCH', raw: '{"query": "{ centers { id } }"}' });

// Tokens: missing, expired, forged, garbage, wrong role.
// (`me` is not here: it is documented as null for anyone but a signed-in importer.)
const PROTECTED = ['{ importers { totalCount } }', '{ staffMembers { email } }', '{ filings { totalCount } }', '{ reviewQueue(role: ENTRY_SPECIALIST) { totalCount } }'];
for (const query of PROTECTED) add('token', { note: `no token: ${query}`, target: 'gateway', auth: 'none', query });
for (const auth of [`expired:admin@cbp.example`, 'forged:admin@cbp.example', 'alg-none:admin@cbp.example', 'header:Bearer not-a-jwt', 'header:Bearer ', 'header:Basic YWRtaW46YWRtaW4=', 'header:bearer', 'header:' + 'Bearer ' + 'x'.repeat(20_000), 'header:Bearer a.b.c', 'swapped-payload:admin@cbp.example']) {
  add('token', { note: `token ${auth.slice(0, 40)}`, target: 'gateway', auth, query: '{ filings { totalCount } }' });
  add('token', { note: `token ${auth.slice(0, 40)} on a mutation`, target: 'gateway', auth, query: FILE, variables: { input: { $filing: {} } } });
}
const WRONG_ROLE: Array<[string, string, Record<string, unknown>?]> = [
  [IMPORTER, '{ staffMembers { email } }'],
  [IMPORTER, `{ importer(id: "7874748b-0769-563e-9b3e-fab2b925667d") { name } }`],
  [IMPORTER, 'mutation($i: ChangeCoverageInput!) { changeCenterCoverage(input: $i) { __typename } }', { i: { centerId: 'ELECTRONICS', firstHeading: '8542', lastHeading: '8542', effectiveFrom: '2030-01-01', source: 'x' } }],
  [SPECIALIST, 'mutation($i: ChangeCoverageInput!) { changeCenterCoverage(input: $i) { __typename } }', { i: { centerId: 'ELECTRONICS', firstHeading: '8542', lastHeading: '8542', effectiveFrom: '2030-01-01', source: 'x' } }],
  [SPECIALIST, FILE, { input: { $filing: {} } }],
  [PHARMA, '{ center(id: "ELECTRONICS") { participatingImporters { totalCount } } }'],
  [IMPORTER, 'mutation { decideOnboarding(importerId: "7874748b-0769-563e-9b3e-fab2b925667d", input: { decision: APPROVE }) { id } }'],
  [SPECIALIST, 'mutation { reassignOnboarding(importerId: "7874748b-0769-563e-9b3e-fab2b925667d", centerId: "PHARMA") { id } }'],
  [IMPORTER, `mutation { decideReview(input: { entrySummaryId: "7874748b-0769-563e-9b3e-fab2b925667d", action: ACCEPT, expectedVersion: 1 }) { id } }`],
  [SPECIALIST, 'mutation { answerOnboardingQuestion(answer: "x") { id } }'],
  [SPECIALIST, 'mutation { withdrawParticipation { id } }'],
  ['none', 'mutation { volunteerForCenter(centerId: "ELECTRONICS", noticeId: "x") { id } }'],
  [IMPORTER, `query($f: FilingFilter) { filings(filter: $f) { totalCount } }`, { f: { importerId: '7874748b-0769-563e-9b3e-fab2b925667d' } }],
  [PHARMA, `mutation { decideReview(input: { entrySummaryId: "${PACIFIC_ID}", action: CLAIM, expectedVersion: 0 }) { id } }`],
];
for (const [auth, query, variables] of WRONG_ROLE) add('wrong-role', { note: `${auth.replace('user:', '')}: ${query.slice(0, 50)}`, target: 'gateway', auth, query, variables });

// Free text the store cannot hold (NUL, unpaired surrogates, over-long) in every kind of text field, and
// cursors and dates PostgreSQL would refuse: each refused up front, never a masked error.
const POISONED_TEXT = ['Invoice attached\u0000.', 'half \ud800 pair', 'tail \udfff', 'e\u0301\u0000', 'x'.repeat(10_001)];
const RIO_GRANDE = 'user:imports@riogrande-machinery.example';
for (const text of POISONED_TEXT) {
  const shown = JSON.stringify(text).slice(0, 30);
  register(`registration name ${shown}`, { name: text });
  register(`registration street ${shown}`, { address: { street: text, city: 'Long Beach', state: 'CA', postalCode: '90802', country: 'US' } });
  add('free-text', { note: `importers(search: ${shown}) as admin`, target: 'gateway', auth: ADMIN, query: 'query($s: String) { importers(filter: { search: $s }) { totalCount } }', variables: { s: text } });
  add('free-text', { note: `volunteerForCenter(noticeId: ${shown})`, target: 'gateway', auth: RIO_GRANDE, query: 'mutation($n: ID!) { volunteerForCenter(noticeId: $n, centerId: "MACHINERY") { id } }', variables: { n: text } });
  add('free-text', { note: `withdrawOnboarding(note: ${shown})`, target: 'gateway', auth: IMPORTER, query: 'mutation($note: String) { withdrawOnboarding(note: $note) { state } }', variables: { note: text } });
  add('free-text', { note: `answerRequestForInformation(answer: ${shown})`, target: 'gateway', auth: IMPORTER, query: 'mutation($a: String!) { answerRequestForInformation(entrySummaryId: "6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b", answer: $a) { id } }', variables: { a: text } });
  add('free-text', { note: `a literal ${shown} in the query`, target: 'gateway', auth: ADMIN, query: `{ importers(filter: { search: ${JSON.stringify(text)} }) { totalCount } }` });
}
const cursor = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');
for (const [list, query, after] of [
  ['reviewQueue', 'query($a: String) { reviewQueue(role: ENTRY_SPECIALIST, after: $a) { nodes { id } } }', cursor('q1|1|6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b')],
  ['reviewQueue', 'query($a: String) { reviewQueue(role: ENTRY_SPECIALIST, after: $a) { nodes { id } } }', cursor('q1|2026-02-30T00:00:00.000000Z|6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b')],
  ['filings', 'query($a: String) { filings(after: $a) { nodes { id } } }', cursor('f1|2026-02-30T00:00:00.000000Z|6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b')],
  ['importers', 'query($a: String) { importers(after: $a) { nodes { id } } }', cursor(JSON.stringify(['x', 'not-a-uuid']))],
  ['onboardings', 'query($a: String) { onboardings(after: $a) { nodes { id } } }', cursor(JSON.stringify(['2026-02-30T00:00:00.000Z', '6f1c1a52-3c2e-4d1b-9a59-0a8f3a1d2e4b']))],
  ['participatingImporters', 'query($a: String) { center(id: "ELECTRONICS") { participatingImporters(after: $a) { nodes { id } } } }', cursor(JSON.stringify([1, 2]))],
]) add('cursor', { note: `${list} after a cursor PostgreSQL would refuse`, target: 'gateway', auth: list === 'reviewQueue' ? SPECIALIST : ADMIN, query, variables: { a: after } });
add('cursor', { note: 'locateCenter(asOf: "0000-01-01")', target: 'gateway', auth: 'none', query: '{ locateCenter(htsNumbers: ["8471.30.0100"], asOf: "0000-01-01") { lines { problem } } }' });

// Direct calls to the subgraphs, bypassing the gateway.
const DIRECT: Array<['centers' | 'importers' | 'filings', string]> = [
  ['centers', '{ centers { id } }'],
  ['centers', '{ staffMembers { email } }'],
  ['centers', '{ _service { sdl } }'],
  ['importers', '{ _entities(representations: [{ __typename: "Importer", id: "x" }]) { ... on Importer { name } } }'],
  ['importers', '{ importers { totalCount } }'],
  ['importers', 'mutation { withdrawParticipation { id } }'],
  ['filings', '{ filings { totalCount } }'],
  ['filings', `mutation { decideReview(input: { entrySummaryId: "${PACIFIC_ID}", action: ACCEPT, expectedVersion: 1 }) { id } }`],
];
for (const internal of ['none', 'forged', 'garbage', 'user-jwt']) {
  for (const [target, query] of DIRECT) add('direct-subgraph', { note: `${target} with ${internal} internal token: ${query.slice(0, 40)}`, target, auth: 'none', internal, query });
}
for (const target of ['centers', 'importers', 'filings'] as const) {
  add('direct-subgraph', { note: `${target}: malformed JSON without a token`, target, auth: 'none', raw: '{"query": ' });
  add('direct-subgraph', { note: `${target}: fileEntrySummary with an admin user token but no internal token`, target, auth: ADMIN, query: FILE, variables: { input: { $filing: {} } } });
}

// Issue 10: the development secrets that were in the source, and tokens that never expire, open nothing.
for (const auth of ['former-dev-secret:admin@cbp.example', 'former-dev-secret:entry-specialist.electronics@cbp.example', 'no-exp:admin@cbp.example', 'no-exp:customs@pacific-circuit.example']) {
  for (const query of ['{ importers { totalCount } }', '{ filings { totalCount } }']) add('dev-secret', { note: `token ${auth}: ${query}`, target: 'gateway', auth, query });
  add('dev-secret', { note: `token ${auth} on a mutation`, target: 'gateway', auth, query: FILE, variables: { input: { $filing: {} } } });
}
for (const internal of ['former-dev-secret', 'no-exp']) {
  for (const [target, query] of DIRECT) add('dev-secret', { note: `${target} with ${internal} internal token: ${query.slice(0, 40)}`, target, auth: 'none', internal, query });
}

const file = path.resolve(__dirname, '../../src/drills/hostile-corpus.json');
writeFileSync(
  file,
  `${JSON.stringify({ description: 'Bad requests for the hostile-input drill (bench/src/drills/hostile.ts); made by make-hostile-corpus.ts', count: entries.length, entries }, null, 1)}\n`,
);
process.stdout.write(`${entries.length} entries written to ${file}\n`);

/// <reference lib="dom" />
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { addDays, today } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import { entrySummaryInput, freshEntryNumber, startSystem, type System, workingDaysAgo } from '@cee-hub/launcher/testing';
import { importerRows, staffRows } from '@cee-hub/db';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST, ELECTRONICS_IMPORT_SPECIALIST_EMAIL as IMPORT_SPECIALIST, PACIFIC_CIRCUIT_EMAIL as PACIFIC, RIO_GRANDE_EMAIL as RIO_GRANDE } from '@cee-hub/db/seeded-users';

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the whole
 * system: the public pages, live review by Center staff with an importer answering in another
 * browser, and onboarding driven from the admin's board. Screenshots of the main pages go to
 * test/artifacts/console/.
 */

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts', 'console');
/** Live updates and workflows take a moment; a page waits this long for what should appear. */
const APPEARS_WITHIN = 30_000;
/** What is already on its way (a click's answer) appears within this long. */
const PROMPTLY = 15_000;


/** Waits until `read` of a locator gives what `done` wants (the last value is in the failure). */
function locatorShows<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = PROMPTLY): Promise<T> {
  return eventually(what, read, done, { timeoutMs, intervalMs: 200 });
}

async function visible(locator: Locator, timeoutMs = PROMPTLY): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: timeoutMs });
}

async function hasText(locator: Locator, text: string, timeoutMs = PROMPTLY): Promise<void> {
  await locatorShows(`the text '${text}'`, async () => (await locator.textContent())?.trim(), (shown) => shown === text, timeoutMs);
}

async function containsText(locator: Locator, text: string, timeoutMs = PROMPTLY): Promise<void> {
  await locatorShows(`a text containing '${text}'`, () => locator.textContent(), (shown) => shown?.includes(text) ?? false, timeoutMs);
}

async function count(locator: Locator, expected: number): Promise<void> {
  await locatorShows(`${expected} matching elements`, () => locator.count(), (found) => found === expected);
}

async function focused(locator: Locator): Promise<void> {
  await locatorShows('the element to have the focus', () => locator.evaluate((element) => element === document.activeElement), (has) => has);
}

let system: System;
let browser: Browser;
let origin: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run \`npm run tools -- --chromium\` (as root it installs Debian's chromium) or set CHROMIUM_PATH`);
  await mkdir(ARTIFACTS, { recursive: true });
  // No random sample: a summary is reviewed by a person exactly when its value makes it high risk.
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
  origin = system.stack.urls.gateway;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This closed network refuses Chromium's own background connections; without these flags it stalls on them.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A separate browser profile: its own tab storage, so its own signed-in person. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: origin });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByLabel('User', { exact: true }).selectOption(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByText('Signed in as'));
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(page.getByRole('link', { name: 'Sign in' }));
}

/** Marks the document, so a later check can tell the page was updated in place rather than reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
}

async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

it('shows the public the ten Centers, the Center for their HTS numbers and the open notices, by keyboard too', async () => {
  const page = await newPage();
  await page.goto('/');
  await page.waitForURL(/\/console\/centers$/);
  await hasText(page.getByRole('heading', { level: 1 }), 'The Centers of Excellence and Expertise');
  await count(page.getByRole('list', { name: 'Centers' }).getByRole('heading', { level: 2 }), 10);
  await visible(page.getByRole('link', { name: 'electronics.cee@cbp.example' }));

  // The first Tab reaches the skip link, visibly focused; Enter lands in the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await focused(skip);
  expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
  expect(await skip.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');
  await focused(page.locator('main'));

  // The coverage of a Center, with the source of each range.
  await page.getByText('HTS coverage of Automotive & Aerospace').click();
  await visible(page.getByRole('cell', { name: '8511', exact: true }));
  await visible(page.getByRole('cell', { name: /79 FR 13322/ }).first());
  await screenshot(page, 'public-centers');


  await page.getByRole('link', { name: 'Find my Center' }).click();
  await focused(page.getByRole('heading', { level: 1, name: 'Find your Center' }));
  await page.getByLabel('HTS numbers and values').fill('8542.31.0000 120000\n3004.90.9220 450000\n8708.29.5160 9000\n9999.99.9999 5');
  await page.getByRole('button', { name: 'Find the Centers' }).click();
  await visible(page.getByText('Predominant Center: Pharmaceuticals, Health & Chemicals (New York)'));
  const lines = page.getByRole('table', { name: 'Covering Center per line' });
  await visible(lines.getByRole('row', { name: /8542\.31\.0000.*Electronics/ }));
  await visible(lines.getByRole('row', { name: /8708\.29\.5160.*Automotive & Aerospace.*Confirmed/ }));
  await visible(lines.getByRole('row', { name: /9999\.99\.9999.*chapter 99 special provision/ }));
  await screenshot(page, 'public-find-my-center');

  // Half the values missing is the reader's mistake, named before anything is sent.
  await page.getByLabel('HTS numbers and values').fill('8471.30.0100 120000\n3004.90.9220');
  await page.getByRole('button', { name: 'Find the Centers' }).click();
  await containsText(page.getByRole('alert'), 'Give a value on every line, or on none');

  await page.getByRole('link', { name: 'Notices' }).click();
  await visible(page.getByRole('heading', { name: /CEE Hub demonstration notice/ }));
  await count(page.getByRole('heading', { name: /77 FR 52048/ }), 0);
  await page.getByLabel('Only notices open now').uncheck();
  await visible(page.getByRole('heading', { name: /77 FR 52048/ }));
  await screenshot(page, 'public-notices');
}, 120_000);

it('puts a new filing in the staff queue live; staff take it through a CF-28, answered by the importer in another browser, to acceptance', async () => {
  const staff = await newPage();
  await signIn(staff, ENTRY_SPECIALIST);
  await visible(staff.getByRole('heading', { level: 1, name: 'Review queue' }));
  await visible(staff.getByText('Live updates: on'));
  await markDocument(staff);

  // The importer files a high-value summary in its own browser; a wrong check digit first, refused in the graph's words.
  const importer = await newPage();
  await signIn(importer, PACIFIC);
  await importer.getByRole('link', { name: 'File a summary' }).click();
  const entryNumber = freshEntryNumber('CON');
  const wrongDigit = `${entryNumber.slice(0, -1)}${(Number(entryNumber.slice(-1)) + 1) % 10}`;
  await importer.getByLabel('Entry number').fill(wrongDigit);
  await importer.getByLabel('Port of entry').fill('2704');
  await importer.getByLabel('Entry date').fill(workingDaysAgo(1));
  await importer.getByLabel('Line 1 HTS number').fill('8542.31.0000');
  await importer.getByLabel('Line 1 country of origin').fill('KR');
  await importer.getByLabel('Line 1 entered value in U.S. dollars').fill('300000');
  await importer.getByLabel('Line 1 duty rate in percent').fill('0');
  await importer.getByRole('button', { name: 'File the entry summary' }).click();
  await containsText(importer.getByRole('alert'), `check digit of ${entryNumber.slice(0, -2)} should be ${entryNumber.slice(-1)}`);
  await importer.getByLabel('Entry number').fill(entryNumber);
  await importer.getByRole('button', { name: 'File the entry summary' }).click();
  await hasText(importer.getByRole('heading', { level: 1 }), `Entry summary ${entryNumber}`);
  await markDocument(importer);

  // It appears in the entry specialist's queue without a reload, marked new, with its due time and SLA state.
  const row = staff.getByRole('row', { name: new RegExp(entryNumber) });
  await visible(row, APPEARS_WITHIN);
  await containsText(row, 'New');
  await containsText(row, 'On time');
  expect(await stillSameDocument(staff)).toBe(true);
  await screenshot(staff, 'staff-review-queue');

  // The entry specialist claims it and refers it to an import specialist.
  await row.getByRole('link', { name: entryNumber }).click();
  await staff.getByRole('button', { name: 'Claim' }).click();
  await visible(staff.getByRole('definition').filter({ hasText: `${ENTRY_SPECIALIST} (entry specialist)` }));
  await staff.getByRole('button', { name: 'Refer to an import specialist' }).click();
  await visible(staff.getByText('No action is open to you at step import review.'));

  // The import specialist claims it and sends a CF-28.
  await signOut(staff);
  await signIn(staff, IMPORT_SPECIALIST);
  await staff.getByRole('row', { name: new RegExp(entryNumber) }).getByRole('link', { name: entryNumber }).click();
  await staff.getByRole('button', { name: 'Claim' }).click();
  const question = 'Please send the commercial invoice and the bill of materials for line 1.';
  await staff.getByLabel('Question to the importer').fill(question);
  await staff.getByRole('button', { name: 'Request information (CF-28)' }).click();
  await visible(staff.getByText('No action is open to you at step awaiting information.'));
  await markDocument(staff);

  // The importer's page shows the question as it is sent, and the importer answers it.
  await visible(importer.getByText(question).first(), APPEARS_WITHIN);
  expect(await stillSameDocument(importer)).toBe(true);
  await screenshot(importer, 'importer-cf28');
  const answer = 'Invoice INV-2231 and the bill of materials are uploaded to ACE.';
  await importer.getByLabel('Your answer').fill(answer);
  await importer.getByRole('button', { name: 'Send the answer' }).click();
  await visible(importer.getByRole('cell', { name: answer }));

  // The answer reaches the import specialist's page live; the specialist accepts.
  await visible(staff.getByText(answer).first(), APPEARS_WITHIN);
  expect(await stillSameDocument(staff)).toBe(true);
  await staff.getByRole('button', { name: 'Accept', exact: true }).click();
  await hasText(staff.locator('.page-heading .badge'), 'Accepted');
  await screenshot(staff, 'staff-filing-accepted');
  await hasText(importer.locator('.page-heading .badge'), 'Accepted', APPEARS_WITHIN);

  // The importer's history names CBP's office, never the staff who acted, the claim, the referral or the risk reasons.
  const history = importer.getByRole('region', { name: 'History' });
  await containsText(history, 'CBP — Electronics Center');
  const historyText = (await history.textContent()) ?? '';
  for (const internal of ['@cbp.example', 'risk score', 'Review claimed', 'Referred']) expect(historyText).not.toContain(internal);

  const { data } = await system.query(`query($n: String!) { filingByEntryNumber(entryNumber: $n) { status events { type actor } } }`, { n: entryNumber }, ADMIN);
  expect(data!.filingByEntryNumber.status).toBe('ACCEPTED');
  expect(data!.filingByEntryNumber.events.map((event: { type: string }) => event.type)).toEqual(
    expect.arrayContaining(['FILED', 'REVIEW_STARTED', 'REVIEW_CLAIMED', 'REFERRED', 'CF28_ISSUED', 'CF28_ANSWERED', 'ACCEPTED']),
  );
}, 180_000);

it('lets an importer volunteer and follow its onboarding while an admin approves it on the board and watches the Centers', async () => {
  const importer = await newPage();
  await signIn(importer, RIO_GRANDE);
  await importer.getByRole('link', { name: 'Participation' }).click();
  await importer.getByLabel('Notice').selectOption('CEE-HUB-DEMO-2026');
  await importer.getByLabel('Center', { exact: true }).selectOption('MACHINERY');
  await importer.getByRole('button', { name: 'Volunteer' }).click();
  await visible(importer.getByText('Awaiting review', { exact: true }), APPEARS_WITHIN);

  const admin = await newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole('link', { name: 'Onboarding board' }).click();
  const waiting = admin.getByRole('region', { name: /Awaiting review/ });
  await visible(waiting.getByRole('heading', { name: 'Rio Grande Machinery Inc.' }), APPEARS_WITHIN);
  await screenshot(admin, 'admin-onboarding-board');
  await waiting.getByRole('button', { name: 'Approve Rio Grande Machinery Inc.' }).click();
  await visible(admin.getByRole('region', { name: /Approved/ }).getByRole('heading', { name: 'Rio Grande Machinery Inc.' }), APPEARS_WITHIN);

  // The importer's page follows its application to participation without a reload.
  await markDocument(importer);
  await visible(importer.getByText(/Participating in Machinery/), APPEARS_WITHIN);
  expect(await stillSameDocument(importer)).toBe(true);
  await screenshot(importer, 'importer-participation');

  // The overview shows the graph's statistics of the period it picked (the last 12 months by default), as the graph answers them asked directly.
  await admin.getByRole('link', { name: 'Center overview' }).click();
  const from = await admin.getByLabel('From', { exact: true }).inputValue();
  const to = await admin.getByLabel('To', { exact: true }).inputValue();
  const asked = await system.query(
    `query($from: LocalDate!, $to: LocalDate!) {
      center(id: "AUTOMOTIVE") { statistics(from: $from, to: $to) { totals { filings } } }
      centers: statistics(from: $from, to: $to, processing: CENTER) { totals { filings } }
      all: statistics(from: $from, to: $to, processing: ALL) { totals { filings } }
    }`,
    { from, to },
    ADMIN,
  );
  expect(asked.errors).toBeUndefined();
  const automotive = asked.data!.center.statistics.totals.filings as number;
  expect(automotive).toBeGreaterThan(0); // the seeded summaries of Automotive & Aerospace
  const compared = admin.getByRole('table', { name: /^Each Center's filings/ });
  await hasText(compared.getByRole('row', { name: /Automotive & Aerospace/ }).getByRole('cell').first(), String(automotive));
  const allFilings = admin.getByRole('table', { name: /^Filings by the status/ }).getByRole('row', { name: /^All filings/ }).getByRole('cell').first();
  await hasText(allFilings, String(asked.data!.centers.totals.filings));
  await admin.getByLabel('Filings processed by').selectOption('ALL');
  await visible(admin.getByRole('table', { name: /^Filings by the status they are in now: Centers and ports/ }));
  await hasText(allFilings, String(asked.data!.all.totals.filings));

  // The weekly series is a chart with its name and a summary in words; its bars are drawn.
  const weekly = admin.getByRole('img', { name: 'Filings and decisions per week' });
  await visible(weekly);
  expect(await weekly.evaluate((chart) => chart.tagName.toLowerCase())).toBe('svg');
  expect(await weekly.evaluate((chart) => document.getElementById(chart.getAttribute('aria-describedby')!)?.textContent)).toMatch(/week\(s\) from .*filing\(s\)/);
  await locatorShows('bars in the weekly chart', () => weekly.locator('.recharts-rectangle').count(), (bars) => bars > 0);
  await visible(admin.getByRole('img', { name: 'Top HTS headings by entered value' }));
  await screenshot(admin, 'admin-center-overview');

  // A period out of order is the graph's to refuse, in its words.
  await admin.getByLabel('From', { exact: true }).fill(to);
  await admin.getByLabel('To', { exact: true }).fill(from);
  await admin.getByRole('button', { name: 'Show the period' }).click();
  await containsText(admin.getByRole('alert'), 'BAD_USER_INPUT');
}, 120_000);

it('finds a filing by its HTS heading on the search page and exports the same search with the viewer\'s token', async () => {
  const pacific = importerRows.find((row) => row.contactEmail === PACIFIC)!;
  // A heading no other summary of this file uses.
  const lines = [{ htsNumber: '8543.70.9960', countryOfOrigin: 'JP', enteredValue: 1_200, dutyRate: 2.6 }];
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { entryNumber } }`, { input: entrySummaryInput(pacific.id, { lines }) }, PACIFIC);
  const { entryNumber } = filed.data!.fileEntrySummary;

  const staff = await newPage();
  await signIn(staff, ENTRY_SPECIALIST);
  await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search', exact: true }).click();
  await focused(staff.getByRole('heading', { level: 1, name: 'Search filings' }));
  await staff.getByLabel('HTS number starts with').fill('8543');
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  const results = staff.getByRole('table', { name: /^1 filing\(s\)/ });
  await visible(results.getByRole('row', { name: new RegExp(entryNumber) }));
  await count(results.getByRole('row'), 2); // the header and the one filing
  expect(new URL(staff.url()).searchParams.get('htsPrefix')).toBe('8543');
  await screenshot(staff, 'staff-search');

  // The export asks the gateway for the same search, under the filter's own names, with the bearer token,
  // and saves what the gateway streams: the header row and the one filing's line.
  const [exported, download] = await Promise.all([
    staff.waitForRequest((request) => new URL(request.url()).pathname === '/exports/filings.csv'),
    staff.waitForEvent('download'),
    staff.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(Object.fromEntries(new URL(exported.url()).searchParams)).toEqual({ htsPrefix: '8543', orderBy: 'NEWEST_FIRST' });
  expect(await exported.headerValue('authorization')).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  expect(download.suggestedFilename()).toMatch(/^filings-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(csv).toHaveLength(2);
  expect(csv[0]).toMatch(/^"?entry number"?,/i);
  expect(csv[1]).toContain(entryNumber);
  expect(csv[1]).toMatch(/,8543\.?70\.?9960,JP,/);

  // Staff see their own Center's overview, with no choice of whose filings and no other Center's row.
  await staff.getByRole('link', { name: 'Center overview' }).click();
  await focused(staff.getByRole('heading', { level: 1, name: 'Electronics overview' }));
  await visible(staff.getByRole('img', { name: 'Filings and decisions per week' }));
  await count(staff.getByLabel('Filings processed by'), 0);
  await count(staff.getByRole('table', { name: /^Each Center's filings/ }), 0);
}, 60_000);

it("uploads an importer's invoice with progress, refuses a renamed program, and gives the Center's specialist the same bytes", async () => {
  const pacific = importerRows.find((row) => row.contactEmail === PACIFIC)!;
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(pacific.id, { lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }] }) }, PACIFIC);
  const id = filed.data!.fileEntrySummary.id;
  const invoice = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024), Buffer.from('\n%%EOF\n')]);

  const importer = await newPage();
  await signIn(importer, PACIFIC);
  await importer.goto(`/console/filings/${id}`);
  const documents = importer.getByRole('region', { name: 'Documents' });
  await visible(documents.getByText('No documents yet.'));
  await documents.getByLabel('File').setInputFiles({ name: 'renamed.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(10_000)]) });
  await documents.getByRole('button', { name: 'Upload' }).click();
  await containsText(documents.getByRole('alert'), 'CONTENT_TYPE_MISMATCH');
  await documents.getByLabel('File').setInputFiles({ name: 'invoice-4471.pdf', mimeType: 'application/pdf', buffer: invoice });
  await documents.getByRole('button', { name: 'Upload' }).click();
  await visible(documents.getByRole('link', { name: 'invoice-4471.pdf' }));
  await screenshot(importer, 'importer-filing-documents');

  const specialist = await newPage();
  await signIn(specialist, IMPORT_SPECIALIST);
  await specialist.goto(`/console/filings/${id}`);
  const theirs = specialist.getByRole('region', { name: 'Documents' });
  const row = theirs.getByRole('row', { name: /invoice-4471\.pdf/ });
  await containsText(row, PACIFIC);
  const [download] = await Promise.all([specialist.waitForEvent('download'), row.getByRole('link', { name: 'invoice-4471.pdf' }).click()]);
  const saved = await readFile((await download.path())!);
  expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(invoice).digest('hex'));
}, 120_000);

it("carries a case thread between an importer and the Center's specialist, through the Inbox, with an internal note the importer never sees", async () => {
  const pacific = importerRows.find((row) => row.contactEmail === PACIFIC)!;
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`, { input: entrySummaryInput(pacific.id, { lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }] }) }, PACIFIC);
  const { id, entryNumber } = filed.data!.fileEntrySummary;

  // The importer uploads its invoice and writes to the Center with it attached.
  const importer = await newPage();
  await signIn(importer, PACIFIC);
  await importer.goto(`/console/filings/${id}`);
  const documents = importer.getByRole('region', { name: 'Documents' });
  await documents.getByLabel('File').setInputFiles({ name: 'invoice-5120.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]) });
  await documents.getByRole('button', { name: 'Upload' }).click();
  await visible(documents.getByRole('link', { name: 'invoice-5120.pdf' }));
  const thread = importer.getByRole('region', { name: /^Messages/ });
  await visible(thread.getByText('No messages yet.', { exact: false }));
  await count(thread.getByLabel('Internal note (CBP only)'), 0);
  const question = 'Our commercial invoice for line 1 is attached. Do you need the packing list as well?';
  await thread.getByLabel('Message to the Center').fill(question);
  await thread.getByRole('checkbox', { name: /invoice-5120\.pdf/ }).check();
  await thread.getByRole('button', { name: 'Send the message' }).click();
  await visible(thread.getByRole('listitem').filter({ hasText: question }));
  await containsText(importer.locator('[role="status"][aria-live="polite"]'), 'Message sent.');
  expect(await thread.getByLabel('Message to the Center').inputValue()).toBe('');

  // The specialist finds the thread waiting in the Inbox (counted in the navigation) and opens the filing from there.
  const specialist = await newPage();
  await signIn(specialist, IMPORT_SPECIALIST);
  await locatorShows('an inbox count in the navigation', () => specialist.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ }).textContent(), (text) => /^Inbox \(\d+\)$/.test(text ?? ''));
  await specialist.getByRole('link', { name: /^Inbox/ }).click();
  await focused(specialist.getByRole('heading', { level: 1, name: 'Inbox' }));
  const waiting = specialist.getByRole('row', { name: new RegExp(entryNumber) });
  await visible(waiting);
  await containsText(waiting, pacific.name);
  await screenshot(specialist, 'staff-inbox');
  await waiting.getByRole('link', { name: entryNumber }).click();
  const theirs = specialist.getByRole('region', { name: /^Messages/ });
  const asked = theirs.getByRole('listitem').filter({ hasText: question });
  await containsText(asked, PACIFIC);
  await visible(asked.getByRole('link', { name: 'invoice-5120.pdf' }));
  // Shown, so read: the heading loses its unread count.
  await hasText(specialist.locator('#messages-heading'), 'Messages');

  // An internal note first, then the answer: once the importer sees the answer, its page has been asked again after the note.
  const note = 'Value looks low against the 2025 entries of this importer; check the invoice before answering.';
  await theirs.getByLabel('Message to the importer, or internal note').fill(note);
  await theirs.getByLabel('Internal note (CBP only)').check();
  await theirs.getByRole('button', { name: 'Save the internal note' }).click();
  const noted = theirs.getByRole('listitem').filter({ hasText: note });
  await containsText(noted, 'Internal note — CBP only');
  const answer = 'Thank you, the invoice is enough; no packing list is needed.';
  await theirs.getByLabel('Message to the importer, or internal note').fill(answer);
  await theirs.getByRole('button', { name: 'Send the message' }).click();
  await containsText(theirs.getByRole('listitem').filter({ hasText: answer }), IMPORT_SPECIALIST);
  await screenshot(specialist, 'staff-case-thread');

  // The importer's page brings the answer, signed by CBP's office, and never the note.
  const answered = thread.getByRole('listitem').filter({ hasText: answer });
  await visible(answered, APPEARS_WITHIN);
  await containsText(answered, 'U.S. Customs and Border Protection');
  const shown = (await thread.textContent()) ?? '';
  for (const internal of [note, 'Internal note', '@cbp.example']) expect(shown).not.toContain(internal);
  await screenshot(importer, 'importer-case-thread');

  // The importer's Inbox lists the answer to reply to.
  await importer.getByRole('link', { name: /^Inbox/ }).click();
  const item = importer.getByRole('row', { name: new RegExp(entryNumber) });
  await containsText(item, 'Message from CBP to answer');
  expect((await importer.locator('main').textContent()) ?? '').not.toContain(note);
}, 120_000);

it('lets an admin publish a notice and close it, add an entry specialist to a Center, change their role, deactivate them and correct the Center contact block, which its director then keeps', async () => {
  const admin = await newPage();
  await signIn(admin, ADMIN);

  // The notice: a missing Center is refused in the graph's words; published, it is listed as open.
  await admin.getByRole('link', { name: 'Notices' }).click();
  const publish = admin.getByRole('region', { name: 'Publish a notice' });
  const citation = '91 FR 30303';
  const yesterday = addDays(today(), -1);
  await publish.getByLabel('Citation').fill(citation);
  await publish.getByLabel('Title').fill('Volunteering for the Base Metals and Machinery Centers (console)');
  await publish.getByLabel('Published on').fill(yesterday);
  await publish.getByLabel('Volunteering opens on').fill(yesterday);
  await publish.getByLabel('Tier 2').check();
  await publish.getByLabel('Tier 3').check();
  await publish.getByLabel('Eligibility as the notice words it').fill('C-TPAT Tier 2 or 3, with an ACE account');
  await publish.getByRole('button', { name: 'Publish the notice' }).click();
  await containsText(publish.getByRole('alert'), 'name at least one Center the notice opens');
  await publish.getByLabel('Base Metals').check();
  await publish.getByLabel('Machinery', { exact: true }).check();
  await publish.getByRole('button', { name: 'Publish the notice' }).click();
  const notices = admin.getByRole('list', { name: 'Notices' });
  const card = notices.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: new RegExp(citation) }) });
  await visible(card);
  await containsText(card.locator('.badge'), 'Open');
  await containsText(card, 'Base Metals, Machinery');
  await containsText(admin.locator('[role="status"][aria-live="polite"]'), `Notice ${citation} published; it is open for volunteering now.`);
  expect(await publish.getByLabel('Citation').inputValue()).toBe('');
  await screenshot(admin, 'admin-notices');

  // Closed from today, it leaves the open notices and shows as closed among all of them.
  await card.getByRole('button', { name: `Close ${citation}` }).click();
  await count(notices.getByRole('heading', { name: new RegExp(citation) }), 0);
  await admin.getByLabel('Only notices open now').uncheck();
  await hasText(card.locator('.badge'), 'Closed');
  await count(card.getByRole('button', { name: `Close ${citation}` }), 0);

  // The staff of a Center: a new entry specialist is listed; the same email again is refused.
  await admin.getByRole('link', { name: 'Staff and contacts' }).click();
  await focused(admin.getByRole('heading', { level: 1, name: 'Staff and contacts' }));
  await admin.getByLabel('Center', { exact: true }).selectOption('BASE_METALS');
  const staff = admin.getByRole('region', { name: /^Staff \(/ });
  const table = staff.getByRole('table', { name: 'Staff of Base Metals' });
  await visible(table);
  const name = 'Jordan Pike';
  const email = 'jordan.pike@cbp.example';
  await staff.getByLabel('Name', { exact: true }).fill(name);
  await staff.getByLabel('Email', { exact: true }).fill(email);
  await staff.getByLabel('Role', { exact: true }).selectOption('ENTRY_SPECIALIST');
  await staff.getByRole('button', { name: 'Add the staff member' }).click();
  const row = table.getByRole('row', { name: new RegExp(name) });
  await visible(row);
  await hasText(row.getByRole('cell').nth(0), email);
  await hasText(row.getByRole('cell').nth(1), 'Entry specialist');
  await containsText(admin.locator('[role="status"][aria-live="polite"]'), `${name} added as entry specialist`);
  await staff.getByLabel('Name', { exact: true }).fill('Jordan Pike Again');
  await staff.getByLabel('Email', { exact: true }).fill(email);
  await staff.getByRole('button', { name: 'Add the staff member' }).click();
  await containsText(staff.getByRole('alert'), 'CONFLICT');

  // Their role changes in place.
  await row.getByLabel(`New role of ${name}`).selectOption('IMPORT_SPECIALIST');
  await row.getByRole('button', { name: `Change role of ${name}` }).click();
  await hasText(row.getByRole('cell').nth(1), 'Import specialist');
  await screenshot(admin, 'admin-staff');

  // Deactivating asks for a reason first; done, they leave the list and the answer says how many claims went back.
  await row.getByRole('button', { name: `Deactivate ${name}…` }).click();
  const reason = row.getByLabel(`Reason for deactivating ${name}`);
  await focused(reason);
  await reason.fill('Moved to another agency');
  await row.getByRole('button', { name: `Deactivate ${name}`, exact: true }).click();
  await visible(staff.getByText(`${name} deactivated; 0 claims released to the queues.`), APPEARS_WITHIN);
  await count(table.getByRole('row', { name: new RegExp(name) }), 0);
  const audit = admin.getByRole('list', { name: 'Changes' });
  await containsText(audit.getByRole('listitem').first(), `Staff deactivated — ${name}`);
  await containsText(audit, 'Staff role changed');
  await containsText(audit, 'Staff added');
  const rows = await system.sql<{ active: boolean; role: string }>(`SELECT active, role FROM centers.staff_member WHERE email = $1`, [email]);
  expect(rows).toEqual([{ active: false, role: 'IMPORT_SPECIALIST' }]);

  // The Center's public contact block, corrected: the new phone shows, and the audit log names it before and after.
  const contact = admin.getByRole('region', { name: 'Public contact' });
  await contact.getByText('Correct the contact block').click();
  const phone = contact.getByLabel('Phone', { exact: true });
  const previous = await phone.inputValue();
  await phone.fill('+1 312-555-0199');
  await contact.getByRole('button', { name: 'Save the contact block' }).click();
  await visible(contact.getByRole('definition').filter({ hasText: '+1 312-555-0199' }));
  await containsText(audit.getByRole('listitem').first(), 'Center contact updated');
  await containsText(audit.getByRole('listitem').first(), `phone: ${previous} → +1 312-555-0199`);

  // The Center's director keeps their own Center (no choice of Center) and everyone in it but directors, whom admins appoint.
  const director = staffRows.find((person) => person.role === 'CENTER_DIRECTOR' && person.centerId === 'BASE_METALS')!;
  await signOut(admin);
  await signIn(admin, director.email);
  await admin.getByRole('link', { name: 'Staff and contacts' }).click();
  await focused(admin.getByRole('heading', { level: 1, name: 'Base Metals staff and contacts' }));
  await count(admin.getByLabel('Center', { exact: true }), 0);
  const theirs = admin.getByRole('region', { name: /^Staff \(/ });
  await containsText(theirs.getByRole('row', { name: new RegExp(director.name) }), 'Appointed by CBP admins');
  await count(theirs.getByLabel('Role', { exact: true }).locator('option[value="CENTER_DIRECTOR"]'), 0);
  await visible(admin.getByRole('region', { name: 'Public contact' }).getByRole('definition').filter({ hasText: '+1 312-555-0199' }));
}, 180_000);

it("keeps an application's case file: the importer uploads and writes on its Participation page, an admin finds both on the board", async () => {
  const midwest = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;
  const volunteered = await system.query('mutation { volunteerForCenter(noticeId: "CEE-HUB-DEMO-2026", centerId: "BASE_METALS") { id } }', undefined, midwest.contactEmail);
  expect(volunteered.errors).toBeUndefined();
  const certificate = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000), Buffer.from('\n%%EOF\n')]);

  const importer = await newPage();
  await signIn(importer, midwest.contactEmail);
  await importer.getByRole('link', { name: 'Participation' }).click();
  await visible(importer.getByText('Awaiting review', { exact: true }), APPEARS_WITHIN);
  const documents = importer.getByRole('region', { name: 'Documents' });
  await visible(documents.getByText('No documents yet.'));
  await documents.getByLabel('Kind').selectOption('CERTIFICATE_OF_ORIGIN');
  await documents.getByLabel('File').setInputFiles({ name: 'ctpat-certificate.pdf', mimeType: 'application/pdf', buffer: certificate });
  await documents.getByRole('button', { name: 'Upload' }).click();
  await visible(documents.getByRole('link', { name: 'ctpat-certificate.pdf' }));
  const thread = importer.getByRole('region', { name: /^Messages/ });
  const message = 'Our C-TPAT certificate is under Documents; we import mostly through Chicago.';
  await thread.getByLabel('Message to the Center').fill(message);
  await thread.getByRole('checkbox', { name: /ctpat-certificate\.pdf/ }).check();
  await thread.getByRole('button', { name: 'Send the message' }).click();
  await visible(thread.getByRole('listitem').filter({ hasText: message }));
  await screenshot(importer, 'importer-application-case-file');

  const admin = await newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole('link', { name: 'Onboarding board' }).click();
  const card = admin.getByRole('region', { name: /Awaiting review/ }).getByRole('listitem').filter({ has: admin.getByRole('heading', { name: midwest.name }) });
  await card.getByText(`Documents and messages of ${midwest.name}`).click();
  const theirs = card.getByRole('region', { name: 'Documents' });
  const row = theirs.getByRole('row', { name: /ctpat-certificate\.pdf/ });
  await containsText(row, midwest.contactEmail);
  const written = card.getByRole('region', { name: /^Messages/ }).getByRole('listitem').filter({ hasText: message });
  await containsText(written, midwest.contactEmail);
  await visible(written.getByRole('link', { name: 'ctpat-certificate.pdf' }));
  await screenshot(admin, 'admin-onboarding-case-file');
  const [download] = await Promise.all([admin.waitForEvent('download'), row.getByRole('link', { name: 'ctpat-certificate.pdf' }).click()]);
  const saved = await readFile((await download.path())!);
  expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(certificate).digest('hex'));
}, 120_000);

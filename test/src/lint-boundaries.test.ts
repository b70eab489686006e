import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// The boundaries between the parts of the tree are lint rules (eslint.config.mjs); this shows
// each one refusing a crossing and letting the allowed imports through. ESLint runs in a child
// process, as `npm run lint` runs it (Jest's module system cannot load the ESM config).
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Lints each [file, code] as if the code were that file and answers the import-boundary messages of each. */
const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([file, code]) => {
  const [result] = await eslint.lintText(code, { filePath: require('node:path').join(process.cwd(), file) });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
})).then((answers) => process.stdout.write(JSON.stringify(answers)));
`;

/** The import-boundary messages for each of `codes` as the content of `file`. */
async function crossings(file: string, codes: string[]): Promise<string[][]> {
  // Each import is used, so that only the boundary rule has something to say.
  const sources = codes.map((code): [string, string] => [file, `${code}\nexport const used = [${code.match(/\{ (\w+)/)?.[1] ?? '0'}];\n`]);
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LINT_SCRIPT, JSON.stringify(sources)], { cwd: REPO_ROOT });
  return JSON.parse(stdout);
}

const WORKFLOW_FILE = 'workflows/src/workflows/example.workflow.ts';

it('refuses a workflow file that imports a module that may not be deterministic', async () => {
  const codes = [
    "import { readFileSync } from 'node:fs';",
    "import { Client } from '@temporalio/client';",
    "import { createReviewActivities } from '@cee-hub/filings/activities';",
    "import { randomUUID } from 'crypto';",
    "import { readWorkerConfig } from '../../config';",
  ];
  expect(await crossings(WORKFLOW_FILE, codes)).toEqual(codes.map(() => [expect.stringContaining('Workflow code imports only @temporalio/workflow')]));
});

it('lets a workflow file import the workflow API, the contracts, its own folder and types of anything', async () => {
  const codes = [
    "import { proxyActivities } from '@temporalio/workflow';",
    "import { REVIEW_DECISION_UPDATE } from '@cee-hub/contracts';",
    "import { reviewState } from './review/state';",
    "import { reviewState } from '../shared/state';",
    "import type { createReviewActivities } from '@cee-hub/filings/activities';",
  ];
  expect(await crossings(WORKFLOW_FILE, codes)).toEqual(codes.map(() => []));
});

it("refuses a subgraph that imports another subgraph's internals, and lets its published read module through", async () => {
  const file = 'subgraphs/filings/src/example.ts';
  const codes = [
    "import { ImporterService } from '@cee-hub/importers/dist/services/importer.service';",
    "import { ImporterService } from '../../importers/src/services/importer.service';",
    "import { startCentersServer } from '@cee-hub/centers/server';",
    "import { centersSchema } from '@cee-hub/centers';",
  ];
  expect(await crossings(file, codes)).toEqual(codes.map(() => [expect.stringMatching(/published read module/)]));
  const published = ["import { coveringCenter } from '@cee-hub/centers/coverage';", "import { importerNames } from '@cee-hub/importers/directory';"];
  expect(await crossings(file, published)).toEqual([[], []]);
});

it('refuses a gateway file that imports database or subgraph code', async () => {
  const codes = ["import { seededUsers } from '@cee-hub/db/seeded-users';", "import { filingsSchema } from '@cee-hub/filings/schema';"];
  expect(await crossings('gateway/src/example.ts', codes)).toEqual(codes.map(() => [expect.stringContaining('The gateway depends on no subgraph')]));
});

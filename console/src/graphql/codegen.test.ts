import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from '@jest/globals';

/**
 * The generated code is checked by GraphQL Code Generator's own dry run, in a child process:
 * the CLI loads ES modules (yargs) that Jest's CommonJS runtime cannot require.
 */
const CODEGEN_BIN = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm', 'bin.js');

it('has the committed generated code of the current documents and supergraph', () => {
  // On a mismatch: run `npm run compose` and commit console/src/graphql/generated/.
  const check = spawnSync(process.execPath, [CODEGEN_BIN, '--config', 'codegen.ts', '--check'], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  // The CLI's own words on a failure: which files are stale, or why codegen could not run.
  expect(check.status === 0 ? 'up to date' : `${check.stdout}${check.stderr}`).toBe('up to date');
});

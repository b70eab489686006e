import path from 'node:path';
import { runMain } from '@cee-hub/common';
import { findTemporalCli } from './temporal-dev-server';
import { findS3Server } from './s3-dev-server';
import { ChromiumUnavailableError, ensureChromium } from './chromium';
import { REPO_ROOT } from './config';

/**
 * `npm run tools`: makes sure the Temporal CLI and the S3-compatible test server are at hand
 * (building them once with `go install` if needed), so tests running in parallel never race to
 * build them. With `--chromium` (as `npm test` runs it) also the Chromium the console's browser
 * tests drive.
 */
runMain(async () => {
  const report = (line: string) => process.stdout.write(`${line}\n`);
  const cli = await findTemporalCli(path.join(REPO_ROOT, '.tools'), report);
  report(`Temporal CLI: ${cli}`);
  report(`S3-compatible test server: ${await findS3Server(path.join(REPO_ROOT, '.tools'), report)}`);
  if (process.argv.includes('--chromium')) {
    try {
      report(`Chromium: ${await ensureChromium(process.env, report)}`);
    } catch (error) {
      if (!(error instanceof ChromiumUnavailableError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
});

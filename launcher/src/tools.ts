import path from 'node:path';
import { runMain } from '@cee-hub/common';
import { findTemporalCli } from '@cee-hub/common/temporal';
import { REPO_ROOT } from './config';

/**
 * `npm run tools`: makes sure the Temporal CLI is at hand (building it once with `go install`
 * if needed), so tests running in parallel never race to build it.
 */
runMain(async () => {
  const cli = await findTemporalCli(path.join(REPO_ROOT, '.tools'), (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`Temporal CLI: ${cli}\n`);
});

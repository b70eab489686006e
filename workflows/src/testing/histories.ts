import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Where recorded histories are kept; replay.test.ts replays every file in it. */
export const HISTORIES_DIR = path.resolve(__dirname, '..', '..', 'histories');

/**
 * Records a finished workflow's history as a replay fixture when RECORD_HISTORIES=true
 * (`RECORD_HISTORIES=true npx jest` in workflows/). Committed fixtures make any
 * nondeterministic change to workflow code fail the replay test.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== 'true') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
}

/**
 * `npm run drills`: the fault drills at full size on a system of their own (embedded
 * PostgreSQL in a temporary folder, free ports). Prints what each drill did and counted, writes
 * the figures to bench/results/drills.json, and exits 1 on any loss.
 *   node bench/dist/drills/main.js [--reduced] [drill names…]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer } from '@cee-hub/db/testing';
import { DRILLS, runDrills } from './index';

const write = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const size = args.includes('--reduced') ? 'reduced' : 'full';
  const only = args.filter((arg) => !arg.startsWith('--'));
  for (const name of only) if (!(name in DRILLS)) throw new Error(`no drill ${name}; the drills are ${Object.keys(DRILLS).join(', ')}`);
  write(`CEE Hub fault drills (${size} size)`);
  const server = await startTestServer();
  try {
    const report = await runDrills({ database: { scratchOn: server.serverUrl }, size, only: only.length ? only : undefined, log: write });
    const file = path.resolve(__dirname, '../../results/drills.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
    write(`\n${report.results.length} drills, ${report.losses} loss(es); figures in ${path.relative(process.cwd(), file)}`);
    return report.losses === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`the drills could not run: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);

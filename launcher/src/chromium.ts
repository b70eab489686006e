import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's chromium package puts the browser the console's browser tests drive. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium cannot be found or installed here; the message says what to do instead. */
export class ChromiumUnavailableError extends Error {}

function run(command: string, args: string[], report: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else {
        report(output.trim().split('\n').slice(-15).join('\n'));
        reject(new ChromiumUnavailableError(`\`${command} ${args.join(' ')}\` failed with exit code ${code}`));
      }
    });
  });
}

/**
 * Makes sure the Chromium of the console's browser tests is there: `CHROMIUM_PATH` when set,
 * else Debian's `/usr/bin/chromium`, installed with apt-get when missing and running as root.
 * Playwright's own browser download is never used (playwright-core drives this one).
 */
export async function ensureChromium(env: NodeJS.ProcessEnv, report: (line: string) => void): Promise<string> {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new ChromiumUnavailableError(`CHROMIUM_PATH is ${configured}, which does not exist`);
  }
  if (existsSync(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  const howTo = 'install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary';
  if (!existsSync('/usr/bin/apt-get')) throw new ChromiumUnavailableError(`The console's browser tests need Chromium, which is not at ${DEFAULT_CHROMIUM_PATH}: ${howTo}`);
  if (process.getuid?.() !== 0) {
    throw new ChromiumUnavailableError(`The console's browser tests need Chromium, which is not at ${DEFAULT_CHROMIUM_PATH}, and only root can install it here: ${howTo}`);
  }
  report("Chromium is missing; installing Debian's chromium package for the console's browser tests (once; a minute or two)");
  await run('apt-get', ['update', '-q'], report);
  await run('apt-get', ['install', '-y', '-q', 'chromium'], report);
  if (!existsSync(DEFAULT_CHROMIUM_PATH)) throw new ChromiumUnavailableError(`apt-get installed chromium, but ${DEFAULT_CHROMIUM_PATH} is still missing: ${howTo}`);
  return DEFAULT_CHROMIUM_PATH;
}

import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, envOptional } from '@cee-hub/common';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export interface GoTool {
  /** The executable's name, as `go install` names it. */
  command: string;
  /** `module/path/cmd/name@version`. */
  module: string;
  /** The variable naming an executable to use instead. */
  pathVariable: string;
  /** For messages, as a sentence starts: "The Temporal CLI". */
  what: string;
  toolsDir: string;
  /** Another way out, for the message when Go is missing ("or point TEMPORAL_ADDRESS at …"). */
  otherwise?: string;
  log?: (line: string) => void;
}

/**
 * Finds a tool written in Go: the executable `pathVariable` names, then `command` on PATH, then
 * the copy built earlier into `toolsDir/bin`; else builds it there once with `go install`. The
 * project downloads no binaries: Go modules come through the Go module proxy.
 */
export async function findGoTool(tool: GoTool): Promise<string> {
  const configured = envOptional(process.env, tool.pathVariable);
  if (configured) {
    if (!isExecutable(configured)) throw new ConfigError(`${tool.pathVariable} is ${configured}, which is not an executable file`);
    return configured;
  }
  const found = onPath(tool.command);
  if (found) return found;
  const binDir = path.resolve(tool.toolsDir, 'bin');
  const built = path.join(binDir, tool.command);
  if (isExecutable(built)) return built;
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new ConfigError(
      `${tool.what} is needed and Go is not installed to build it: install Go 1.22 or later (https://go.dev/doc/install, or \`apt-get install golang-go\`), ` +
        `or put \`${tool.command}\` on PATH, or set ${tool.pathVariable}${tool.otherwise ? `, or ${tool.otherwise}` : ''}`,
    );
  }
  mkdirSync(binDir, { recursive: true });
  tool.log?.(`building ${tool.what.charAt(0).toLowerCase()}${tool.what.slice(1)} once with go install ${tool.module} (a few minutes the first time)`);
  await promisify(execFile)(go, ['install', tool.module], { env: { ...process.env, GOBIN: binDir }, maxBuffer: 64 * 1024 * 1024 });
  if (!isExecutable(built)) throw new Error(`go install finished but ${built} is missing`);
  return built;
}

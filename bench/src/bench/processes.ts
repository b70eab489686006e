import { readdirSync, readFileSync } from 'node:fs';

/** A process of the system, found by a piece of its command line. */
export interface ProcessSpec {
  name: string;
  /** Matches the NUL-separated command line. */
  match: (commandLine: string) => boolean;
  /** Count the process's children too (PostgreSQL backends). */
  withChildren?: boolean;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  commandLine: string;
}

function listProcesses(): ProcInfo[] {
  const processes: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      processes.push({ pid: Number(entry), ppid, commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return processes;
}

function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory in MiB of each named process (with its children where asked). */
export function sampleRss(specs: readonly ProcessSpec[]): Record<string, number> {
  const processes = listProcesses();
  const result: Record<string, number> = {};
  for (const spec of specs) {
    const roots = processes.filter((process) => spec.match(process.commandLine));
    let total = 0;
    for (const root of roots) {
      total += rssKiB(root.pid);
      if (spec.withChildren) for (const child of processes.filter((process) => process.ppid === root.pid)) total += rssKiB(child.pid);
    }
    result[spec.name] = Math.round((total / 1024) * 10) / 10;
  }
  return result;
}

/** Samples every `intervalMs` and keeps each process's peak, until stopped. */
export function peakSampler(specs: readonly ProcessSpec[], intervalMs = 500): { stop(): Record<string, number> } {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, value] of Object.entries(sampleRss(specs))) peak[name] = Math.max(peak[name] ?? 0, value);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

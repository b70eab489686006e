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

/** Adds up `measure` over each named process's pids (with its children where asked). */
function sumByProcess(specs: readonly ProcessSpec[], measure: (pid: number, isRootWithChildren: boolean) => number): Record<string, number> {
  const processes = listProcesses();
  const result: Record<string, number> = {};
  for (const spec of specs) {
    let total = 0;
    for (const root of processes.filter((process) => spec.match(process.commandLine))) {
      total += measure(root.pid, spec.withChildren === true);
      if (spec.withChildren) for (const child of processes.filter((process) => process.ppid === root.pid)) total += measure(child.pid, false);
    }
    result[spec.name] = total;
  }
  return result;
}

/** Resident memory in MiB of each named process (with its children where asked). */
export function sampleRss(specs: readonly ProcessSpec[]): Record<string, number> {
  const kib = sumByProcess(specs, (pid) => rssKiB(pid));
  return Object.fromEntries(Object.entries(kib).map(([name, total]) => [name, Math.round((total / 1024) * 10) / 10]));
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time used so far, in seconds, by each named process (user + system). A root counted with
 * its children also counts the children it has already reaped (PostgreSQL backends that ended).
 */
export function cpuSeconds(specs: readonly ProcessSpec[]): Record<string, number> {
  const ticks = sumByProcess(specs, (pid, withReaped) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      // Fields 14–17 of stat (utime, stime, cutime, cstime), counted here from field 3.
      const [utime, stime, cutime, cstime] = fields.slice(11, 15) as [number, number, number, number];
      return utime + stime + (withReaped ? cutime + cstime : 0);
    } catch {
      return 0;
    }
  });
  return Object.fromEntries(Object.entries(ticks).map(([name, total]) => [name, total / TICKS_PER_SECOND]));
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

// Peak memory and CPU of a process, sampled from /proc/<pid> (Linux).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessFigures {
  pid: number;
  /** Highest resident set seen while sampling. */
  peakRssMb: number;
  /** The kernel's high-water mark of the resident set (over the process's whole life). */
  hwmRssMb: number | null;
  /** User + system CPU time used while sampling. */
  cpuSeconds: number;
  /** cpuSeconds over the wall time (100 = one core busy). */
  avgCpuPercent: number;
  /** The busiest one-second window. */
  peakCpuPercent: number;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

const mb = (kb: number): number => Math.round(kb / 102.4) / 10;

function readStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1]);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}

/** utime + stime in seconds. */
function readCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / clockTicks();
  } catch {
    return null;
  }
}

/** Samples a process every `intervalMs` until stopped. */
export class ProcessSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();
  private readonly startCpu: number;
  private peakRssKb = 0;
  private hwmKb: number | null = null;
  private lastCpu: number;
  private windowStart = performance.now();
  private windowCpu: number;
  private peakCpu = 0;

  constructor(
    readonly pid: number,
    intervalMs = 200,
  ) {
    this.startCpu = readCpu(pid) ?? 0;
    this.lastCpu = this.startCpu;
    this.windowCpu = this.startCpu;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const status = readStatus(this.pid);
    if (status) {
      this.peakRssKb = Math.max(this.peakRssKb, status.rssKb);
      this.hwmKb = status.hwmKb;
    }
    const cpu = readCpu(this.pid);
    if (cpu === null) return;
    this.lastCpu = cpu;
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.peakCpu = Math.max(
        this.peakCpu,
        (100 * (cpu - this.windowCpu)) / ((now - this.windowStart) / 1000),
      );
      this.windowStart = now;
      this.windowCpu = cpu;
    }
  }

  stop(): ProcessFigures {
    this.sample();
    clearInterval(this.timer);
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpuSeconds = this.lastCpu - this.startCpu;
    return {
      pid: this.pid,
      peakRssMb: mb(this.peakRssKb),
      hwmRssMb: this.hwmKb === null ? null : mb(this.hwmKb),
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      avgCpuPercent: Math.round((100 * cpuSeconds) / Math.max(seconds, 0.001)),
      peakCpuPercent: Math.round(this.peakCpu),
    };
  }
}

/** The soft limit of open files of this process (sockets count): Infinity when unlimited. */
export function openFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

/**
 * The kernel's count of connections dropped because a listening socket's accept queue was full
 * (TcpExt ListenOverflows, all sockets of this machine), or null where /proc does not tell. Each
 * drop costs a client a TCP retry after 1 s, then 3 s: read before and after a run.
 */
export function listenOverflows(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
    const names = lines[header]?.split(/\s+/) ?? [];
    const values = lines[header + 1]?.split(/\s+/) ?? [];
    const at = names.indexOf('ListenOverflows');
    return at > 0 ? Number(values[at]) : null;
  } catch {
    return null;
  }
}

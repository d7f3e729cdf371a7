import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { repoRoot } from './childProcess.js';

/** Where and on what the benchmarks ran. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started: other work on a shared machine shows here. */
  readonly loadAverage: number;
  /** `git rev-parse HEAD`, with " (uncommitted changes)" when the tree is dirty. */
  readonly commit: string;
  readonly date: string;
}

function git(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Describes this machine and the checked-out commit (read-only git commands). */
export function describeMachine(): Machine {
  const head = git(['rev-parse', 'HEAD']) ?? 'unknown (not a git checkout)';
  const dirty = (git(['status', '--porcelain']) ?? '') !== '';
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverage: loadavg()[0] ?? 0,
    commit: dirty ? `${head} (uncommitted changes)` : head,
    date: new Date().toISOString(),
  };
}

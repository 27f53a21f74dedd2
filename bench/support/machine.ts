import { spawnSync } from 'node:child_process';
import { arch, cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  date: string;
  /** The commit benchmarked, `+dirty` when the working tree had changes. */
  commit: string;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  loadAverage: number;
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) {
    return 'unknown';
  }
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return `${head.stdout.trim()}${status.stdout.trim() === '' ? '' : '+dirty'}`;
}

export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    // All CPUs of the machine (availableParallelism() would report this process's pinned affinity).
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${osType()} ${release()} ${arch()}`,
    date: new Date().toISOString(),
    commit: gitCommit(),
    loadAverage: loadavg()[0],
  };
}

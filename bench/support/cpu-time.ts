import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const getconf = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const parsed = Number(getconf.stdout?.trim());
    ticksPerSecond = getconf.status === 0 && parsed > 0 ? parsed : 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, every thread) a process has used so far, in ms, from /proc/<pid>/stat. Unlike latency and
 * requests/s, CPU time per request hardly moves when other work shares the machine.
 */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the closing parenthesis; utime and stime are
  // fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

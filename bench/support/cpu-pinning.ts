import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Which CPUs the gateway and the rest (load client, mocks, this process) run on. */
export interface PinPlan {
  enabled: boolean;
  gatewayCpus?: string;
  clientCpus?: string;
  note: string;
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * With taskset and 2+ CPUs: the gateway gets CPU 0 to itself; this process (autocannon, the SSE clients) and the mock
 * servers it spawns (they inherit the affinity) share the other CPUs. Otherwise nothing is pinned, and the note says so.
 */
export function pinProcesses(wanted: boolean): PinPlan {
  const cpus = availableParallelism();
  if (!wanted) {
    return { enabled: false, note: 'not pinned (--no-pin): gateway, mocks and load client share all CPUs' };
  }
  if (cpus < 2 || !hasTaskset()) {
    return { enabled: false, note: `not pinned (${cpus < 2 ? 'one CPU' : 'taskset not found'}): all processes share` };
  }
  const clientCpus = cpus === 2 ? '1' : `1-${cpus - 1}`;
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', clientCpus, String(process.pid)], { stdio: 'ignore' });
  if (pinned.status !== 0) {
    return { enabled: false, note: 'not pinned (taskset -p failed): all processes share' };
  }
  return {
    enabled: true,
    gatewayCpus: '0',
    clientCpus,
    note: `taskset: gateway on CPU 0 alone; load client, SSE clients and mock servers on CPU ${clientCpus}`,
  };
}

/** The command line that starts `node <args>` on the gateway's CPU. */
export function onGatewayCpu(plan: PinPlan, nodeArgs: string[]): { command: string; args: string[] } {
  return plan.enabled && plan.gatewayCpus !== undefined
    ? { command: 'taskset', args: ['-c', plan.gatewayCpus, process.execPath, ...nodeArgs] }
    : { command: process.execPath, args: nodeArgs };
}

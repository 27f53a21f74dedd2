import { readFileSync } from 'node:fs';
import { sourceLocation } from './source-location';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  ms: number;
  /** Share of the profile's non-idle time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  byCategory: Hotspot[];
  wardenSelf: Hotspot[];
  wardenInclusive: Hotspot[];
  otherSelf: Hotspot[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Where a frame's code lives: Warden's own, an npm package, Node's internals, or the engine. */
function categoryOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName) && frame.url === '') {
    return frame.functionName;
  }
  if (frame.url.includes('/dist/src/')) {
    return 'warden (src/)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) {
    return pkg[1];
  }
  if (frame.url.startsWith('node:')) {
    return `node:${frame.url.slice(5).split('/')[0]}`;
  }
  return frame.url === '' ? '(native)' : frame.url;
}

function frameName(frame: CallFrame): string {
  const fn = frame.functionName || '(anonymous)';
  return frame.url === '' ? fn : `${fn} ${sourceLocation(frame.url, frame.lineNumber, frame.columnNumber)}`;
}

function top(map: Map<string, number>, busyMs: number, limit: number): Hotspot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** Self time per node from the samples taken `skipFirstMs` or later after the profile started. */
function selfTimes(profile: CpuProfile, skipFirstMs: number): Map<number, number> {
  const self = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, index) => {
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsedMs += deltaMs;
    if (elapsedMs >= skipFirstMs) {
      self.set(id, (self.get(id) ?? 0) + deltaMs);
    }
  });
  return self;
}

/**
 * Self and inclusive time by function and by package, from a V8 `.cpuprofile` (`node --cpu-prof`), leaving out the
 * first `skipFirstMs` (the gateway's start-up).
 */
export function summarizeCpuProfile(path: string, skipFirstMs = 0, limit = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const self = selfTimes(profile, skipFirstMs);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const categories = new Map<string, number>();
  const wardenSelf = new Map<string, number>();
  const wardenInclusive = new Map<string, number>();
  const otherSelf = new Map<string, number>();
  let idleMs = 0;
  // Depth-first with the Warden functions on the current stack, each counted once (recursion-safe inclusive time).
  const onStack = new Map<string, number>();
  const visit = (node: ProfileNode): void => {
    const frame = node.callFrame;
    const category = categoryOf(frame);
    const warden = category === 'warden (src/)';
    const name = frameName(frame);
    if (warden) {
      onStack.set(name, (onStack.get(name) ?? 0) + 1);
    }
    const selfMs = self.get(node.id) ?? 0;
    if (category === '(idle)') {
      idleMs += selfMs;
    } else if (selfMs > 0) {
      add(categories, category, selfMs);
      add(warden ? wardenSelf : otherSelf, warden ? name : `${name} [${category}]`, selfMs);
      for (const key of onStack.keys()) {
        add(wardenInclusive, key, selfMs);
      }
    }
    for (const child of node.children ?? []) {
      visit(byId.get(child)!);
    }
    if (warden) {
      const depth = onStack.get(name)! - 1;
      if (depth === 0) {
        onStack.delete(name);
      } else {
        onStack.set(name, depth);
      }
    }
  };
  visit(profile.nodes[0]);
  const busyMs = [...categories.values()].reduce((sum, ms) => sum + ms, 0);
  return {
    busyMs,
    idleMs,
    byCategory: top(categories, busyMs, limit),
    wardenSelf: top(wardenSelf, busyMs, limit),
    wardenInclusive: top(wardenInclusive, busyMs, limit),
    otherSelf: top(otherSelf, busyMs, limit),
  };
}

import { readFileSync } from 'node:fs';

export interface MemoryStatus {
  /** Resident set size now, MB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), MB. */
  peakRssMb: number;
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** VmRSS and VmHWM from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): MemoryStatus {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: field(status, 'VmRSS'), peakRssMb: field(status, 'VmHWM') };
}

export interface RssSampler {
  /** Stops sampling; returns every sample (MB) and the kernel's peak. */
  stop(): { samples: number[]; peakRssMb: number; maxSampledMb: number };
}

/** Samples VmRSS every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  const samples: number[] = [memoryOf(pid).rssMb];
  const timer = setInterval(() => samples.push(memoryOf(pid).rssMb), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const { rssMb, peakRssMb } = memoryOf(pid);
      samples.push(rssMb);
      return { samples, peakRssMb, maxSampledMb: Math.max(...samples) };
    },
  };
}

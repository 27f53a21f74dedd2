import type { Section } from '../report/sections';
import type { Hotspot } from './cpuprofile-summary';
import type { ProfileRun } from './profile.scenario';

function hotspotTable(spots: Hotspot[], requests: number): Section['table'] {
  return {
    headers: ['where', 'ms', 'share of busy', 'µs / request'],
    rows: spots.map((spot) => [
      spot.name,
      spot.ms.toFixed(0),
      `${(spot.share * 100).toFixed(1)} %`,
      requests > 0 ? ((spot.ms * 1000) / requests).toFixed(1) : 'n/a',
    ]),
  };
}

/** Four tables per profiled load: self time by package, Warden's functions (self, inclusive), other functions. */
export function profileSections(runs: ProfileRun[]): Section[] {
  return runs.flatMap((run) => {
    const { summary } = run;
    const perRequest = run.requests > 0 ? (summary.busyMs * 1000) / run.requests : Number.NaN;
    const intro = [
      `${run.requests.toLocaleString('en-US')} requests; busy ${summary.busyMs.toFixed(0)} ms ` +
        `(${perRequest.toFixed(1)} µs of gateway CPU per request; start-up left out), idle ${summary.idleMs.toFixed(0)} ms. ` +
        `Profile: ${run.file.replace(/.*\/bench\//, 'bench/')}`,
    ];
    return [
      {
        title: `${run.label}: self time by package`,
        lines: intro,
        table: hotspotTable(summary.byCategory, run.requests),
      },
      {
        title: `${run.label}: Warden functions, self time`,
        lines: [],
        table: hotspotTable(summary.wardenSelf, run.requests),
      },
      {
        title: `${run.label}: Warden functions, inclusive time`,
        lines: [],
        table: hotspotTable(summary.wardenInclusive, run.requests),
      },
      {
        title: `${run.label}: other functions, self time`,
        lines: [],
        table: hotspotTable(summary.otherSelf, run.requests),
      },
    ];
  });
}

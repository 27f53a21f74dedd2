import type { InjectionResult } from '../src/guardrails/vendors/detectors/prompt-injection.detector';
import type { InjectionRow } from './dataset.types';
import { isHeldOut } from './holdout-split';

export interface LabelledRow extends InjectionRow {
  /** `file#line` (1-based), stable across runs. */
  ref: string;
}

export interface Rate {
  flagged: number;
  total: number;
  rate: number;
}

export interface ScoredRow {
  ref: string;
  text: string;
  score: number;
  ruleIds: string[];
  group: string;
}

export interface InjectionEvaluation {
  attackFiles: Array<{ file: string; rate: Rate; heldOut: Rate }>;
  pooled: Rate;
  pooledHeldOut: Rate;
  pooledDevelopment: Rate;
  notInject: Rate;
  notInjectHeldOut: Rate;
  notInjectBySource: Array<[string, Rate]>;
  notInjectByCategory: Array<[string, Rate]>;
  selfInstruct: Rate;
  selfInstructHeldOut: Rate;
  selfInstructBySource: Array<[string, Rate]>;
  /** Attacks not flagged, lowest score first. */
  worstMisses: ScoredRow[];
  /** Benign rows flagged, highest score first. */
  falseAlarms: ScoredRow[];
}

export function rateOf(flags: readonly boolean[]): Rate {
  const flagged = flags.filter(Boolean).length;
  return { flagged, total: flags.length, rate: flags.length === 0 ? 0 : flagged / flags.length };
}

function ratesBy(
  rows: readonly LabelledRow[],
  results: Map<LabelledRow, InjectionResult>,
  key: (row: LabelledRow) => string,
) {
  const groups = new Map<string, boolean[]>();
  for (const row of rows) {
    const group = key(row);
    groups.set(group, [...(groups.get(group) ?? []), results.get(row)?.flagged === true]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, flags]): [string, Rate] => [group, rateOf(flags)]);
}

export interface InjectionDatasets {
  /** Attack files by name; rows already filtered (templates without rows also in the in-the-wild file). */
  attacks: ReadonlyArray<{ file: string; rows: readonly LabelledRow[] }>;
  notInject: readonly LabelledRow[];
  selfInstruct: readonly LabelledRow[];
}

export function evaluateInjection(
  datasets: InjectionDatasets,
  detect: (text: string) => InjectionResult,
  listSize = 20,
): InjectionEvaluation {
  const results = new Map<LabelledRow, InjectionResult>();
  const all = [...datasets.attacks.flatMap(({ rows }) => rows), ...datasets.notInject, ...datasets.selfInstruct];
  for (const row of all) {
    results.set(row, detect(row.text));
  }
  const flagOf = (row: LabelledRow): boolean => results.get(row)?.flagged === true;
  const pooledRows = datasets.attacks.flatMap(({ rows }) => rows);
  const scored = (row: LabelledRow, group: string): ScoredRow => {
    const result = results.get(row);
    return { ref: row.ref, text: row.text, score: result?.score ?? 0, ruleIds: result?.ruleIds ?? [], group };
  };
  return {
    attackFiles: datasets.attacks.map(({ file, rows }) => ({
      file,
      rate: rateOf(rows.map(flagOf)),
      heldOut: rateOf(rows.filter((row) => isHeldOut(row.text)).map(flagOf)),
    })),
    pooled: rateOf(pooledRows.map(flagOf)),
    pooledHeldOut: rateOf(pooledRows.filter((row) => isHeldOut(row.text)).map(flagOf)),
    pooledDevelopment: rateOf(pooledRows.filter((row) => !isHeldOut(row.text)).map(flagOf)),
    notInject: rateOf(datasets.notInject.map(flagOf)),
    notInjectHeldOut: rateOf(datasets.notInject.filter((row) => isHeldOut(row.text)).map(flagOf)),
    notInjectBySource: ratesBy(datasets.notInject, results, (row) => row.source),
    notInjectByCategory: ratesBy(datasets.notInject, results, (row) => row.category ?? 'unknown'),
    selfInstruct: rateOf(datasets.selfInstruct.map(flagOf)),
    selfInstructHeldOut: rateOf(datasets.selfInstruct.filter((row) => isHeldOut(row.text)).map(flagOf)),
    selfInstructBySource: ratesBy(datasets.selfInstruct, results, (row) => row.source),
    worstMisses: pooledRows
      .filter((row) => !flagOf(row))
      .map((row) => scored(row, 'attack'))
      .sort((a, b) => a.score - b.score || a.ref.localeCompare(b.ref))
      .slice(0, listSize),
    falseAlarms: [
      ...datasets.notInject.filter(flagOf).map((row) => scored(row, 'notinject')),
      ...datasets.selfInstruct.filter(flagOf).map((row) => scored(row, 'self-instruct')),
    ]
      .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
      .slice(0, listSize),
  };
}

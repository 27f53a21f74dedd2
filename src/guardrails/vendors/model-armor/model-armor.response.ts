import type { Finding } from '../../guardrail.types';
import { isRecord } from '../vendor-params';

const MATCH = 'MATCH_FOUND';

export interface ArmorReading {
  findings: Finding[];
  /** Some filter other than an SDP de-identification matched: that is a flag whatever masking says. */
  blockingMatch: boolean;
  /** The de-identified text, when the SDP filter de-identified and matched. */
  deidentified?: string;
}

/** The filter results as `[name, wrapper]` pairs; Model Armor answers a map, some clients see a list. */
function filterEntries(result: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const raw = result.filterResults;
  if (Array.isArray(raw)) {
    return raw.filter(isRecord).map((entry, index) => [String(index), entry]);
  }
  return isRecord(raw)
    ? Object.entries(raw).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    : [];
}

/** `sanitizationResult`, or undefined when the answer has another shape. */
export function sanitizationResultOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const result = body.sanitizationResult;
  return isRecord(result) && (isRecord(result.filterResults) || Array.isArray(result.filterResults))
    ? result
    : undefined;
}

/**
 * LiteLLM's decision: any filter with `matchState: MATCH_FOUND` flags; an SDP de-identification only when its text is
 * not applied as a mask. The top-level `filterMatchState` and `invocationResult` are not read.
 */
export function readSanitization(result: Record<string, unknown>): ArmorReading {
  const reading: ArmorReading = { findings: [], blockingMatch: false };
  for (const [name, wrapper] of filterEntries(result)) {
    for (const [resultKey, filter] of Object.entries(wrapper)) {
      if (!isRecord(filter)) {
        continue;
      }
      if (resultKey === 'sdpFilterResult') {
        readSdp(filter, reading);
      } else if (filter.matchState === MATCH) {
        reading.blockingMatch = true;
        reading.findings.push(...filterFindings(name, filter));
      }
    }
  }
  return reading;
}

function readSdp(filter: Record<string, unknown>, reading: ArmorReading): void {
  const inspect = isRecord(filter.inspectResult) ? filter.inspectResult : undefined;
  const deidentify = isRecord(filter.deidentifyResult) ? filter.deidentifyResult : undefined;
  if (inspect?.matchState === MATCH) {
    reading.blockingMatch = true;
    const findings: unknown[] = Array.isArray(inspect.findings) ? inspect.findings : [];
    const types = findings
      .filter(isRecord)
      .map((finding) => (typeof finding.infoType === 'string' ? finding.infoType : 'sdp'));
    reading.findings.push(...countTypes(types.length > 0 ? types : ['sdp']));
  }
  if (deidentify?.matchState === MATCH) {
    const data = isRecord(deidentify.data) ? deidentify.data : undefined;
    if (typeof data?.text === 'string') {
      reading.deidentified = data.text;
    } else {
      reading.blockingMatch = true;
    }
    const infoTypes: unknown[] = Array.isArray(deidentify.infoTypes) ? deidentify.infoTypes : [];
    reading.findings.push(...countTypes(infoTypes.length > 0 ? infoTypes.map(String) : ['sdp']));
  }
}

function filterFindings(name: string, filter: Record<string, unknown>): Finding[] {
  const confidence = typeof filter.confidenceLevel === 'string' ? { ruleId: filter.confidenceLevel } : {};
  const byType = isRecord(filter.raiFilterTypeResults) ? filter.raiFilterTypeResults : undefined;
  if (byType) {
    const matched = Object.entries(byType).filter(([, value]) => isRecord(value) && value.matchState === MATCH);
    if (matched.length > 0) {
      return matched.map(([type]) => ({ detector: 'model_armor', type: `${name}/${type}`, count: 1 }));
    }
  }
  return [{ detector: 'model_armor', type: name, count: 1, ...confidence }];
}

function countTypes(types: readonly string[]): Finding[] {
  const counts = new Map<string, number>();
  for (const type of types) {
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, count]) => ({ detector: 'model_armor', type: `sdp/${type}`, count }));
}

/**
 * The answer as the violation log keeps it: the de-identified text (the prompt itself, rewritten) and matched URIs
 * are dropped; filter states, info types and offsets stay.
 */
export function withoutEchoedText(body: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(body, (key, value: unknown) => {
      if (key === 'data' && isRecord(value) && typeof value.text === 'string') {
        return { text: '[removed]' };
      }
      if (key === 'uri' && typeof value === 'string') {
        return '[removed]';
      }
      return value;
    }),
  ) as Record<string, unknown>;
}

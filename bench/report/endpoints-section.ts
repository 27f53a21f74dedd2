import type { BenchResults, EndpointCaseResult } from './results';
import type { Section } from './sections';
import { count, ms } from './table';

/** Issue #12: `/v1/responses` and `/v1/messages` pass-through add at most chat's added p50 + this, in the same run. */
export const ENDPOINT_P50_MARGIN_MS = 0.1;
/** The endpoints the target is about; completions and embeddings are measured beside them, without a target. */
const TARGET_APIS = ['responses', 'messages'];

const addedP50 = (c: EndpointCaseResult): number => c.gateway.p50 - c.direct.p50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${ms(value)}`;

/** The chat case with the same streaming as `c`: what it is compared with. */
function chatOf(cases: EndpointCaseResult[], c: EndpointCaseResult): EndpointCaseResult | undefined {
  return cases.find((other) => other.api === 'chat' && other.stream === c.stream);
}

/** This case's added p50 minus chat's, round by round (both pairs of slices measured minutes apart at most). */
function pairedDifferences(c: EndpointCaseResult, chat: EndpointCaseResult): number[] {
  return c.addedP50ByRound.map((added, round) => added - (chat.addedP50ByRound[round] ?? Number.NaN));
}

export interface EndpointVerdict {
  target: string;
  measured: string;
  pass: boolean;
}

/** One check per targeted case (responses and messages, JSON and streamed), against chat of the same kind. */
export function endpointVerdicts(results: BenchResults): EndpointVerdict[] {
  const cases = results.endpoints?.cases ?? [];
  return cases
    .filter((c) => TARGET_APIS.includes(c.api))
    .flatMap((c) => {
      const chat = chatOf(cases, c);
      if (!chat) {
        return [];
      }
      const difference = addedP50(c) - addedP50(chat);
      const paired = pairedDifferences(c, chat);
      return [
        {
          target: `${c.label}: added p50 <= chat's + ${ENDPOINT_P50_MARGIN_MS} ms`,
          measured:
            `${ms(addedP50(c))} vs chat ${ms(addedP50(chat))} (${signed(difference)}); per round ` +
            `median ${signed(median(paired))}, ${signed(Math.min(...paired))} to ${signed(Math.max(...paired))}`,
          pass: difference <= ENDPOINT_P50_MARGIN_MS && c.failures === 0,
        },
      ];
    });
}

/** Scenario 9: the per-endpoint table, then the verdict against the target. */
export function endpointSections(results: BenchResults): Section[] {
  const e = results.endpoints;
  if (!e) {
    return [];
  }
  const row = (c: EndpointCaseResult): string[] => {
    const chat = chatOf(e.cases, c);
    return [
      c.label,
      ms(c.direct.p50),
      ms(c.gateway.p50),
      ms(addedP50(c)),
      ms(c.gateway.p99 - c.direct.p99),
      c.api === 'chat' || !chat ? '-' : signed(addedP50(c) - addedP50(chat)),
      `${ms(Math.min(...c.addedP50ByRound))} to ${ms(Math.max(...c.addedP50ByRound))}`,
      count(c.gatewayRps),
      count(c.saturation.rps),
      c.cpuPerRequestUs.toFixed(0),
      count(c.failures),
    ];
  };
  const verdicts = endpointVerdicts(results);
  const allPass = verdicts.length > 0 && verdicts.every((v) => v.pass);
  const samples = e.cases.reduce((sum, c) => sum + c.gateway.count, 0);
  return [
    {
      title: 'Endpoint pass-through overhead (scenario 9, issue #12)',
      lines: [
        `One gateway, no guardrail, every API in the same run: ${e.rounds} rounds; in each round every endpoint gets ` +
          `a ${e.sliceS} s slice direct to the mock upstream and a ${e.sliceS} s slice through the gateway ` +
          `(${e.latencyConnections} connection(s), back to back; endpoint order rotated and side order alternated ` +
          `from round to round), samples pooled over the rounds (${count(samples)} gateway requests in all). ` +
          `Added = gateway - direct; "vs chat" = added p50 minus chat's (JSON against JSON, stream against stream); ` +
          `"per round" = the added p50 of each round's pair of slices. req/s: through the gateway at ` +
          `${e.latencyConnections} connection(s) (latency slices), and flat out at ${e.saturationConnections} ` +
          `connections for ${e.saturationS} s per endpoint, with the gateway's CPU time per request in that run. ` +
          `Same 2 KB prompt in each API's shape; \`openai/\` model for chat, responses, completions and embeddings ` +
          `(native \`<api_base>/responses\`, ...), \`anthropic/\` model for messages (native \`<api_base>/v1/messages\`); ` +
          `streams carry 6 text deltas (chat 8 frames + [DONE], Responses 14 events, Messages 12 events); ` +
          `embeddings answer one 1,536-float vector (~20 KB).`,
      ],
      table: {
        headers: [
          'endpoint',
          'direct p50',
          'gateway p50',
          'added p50',
          'added p99',
          'vs chat',
          'added p50 per round',
          `req/s @${e.latencyConnections}`,
          `req/s @${e.saturationConnections}`,
          'CPU µs/req',
          'failures',
        ],
        rows: e.cases.map(row),
      },
    },
    {
      title: 'Endpoint overhead: verdict',
      lines: [
        `Target (issue #12): /v1/responses and /v1/messages pass-through add no more than chat's overhead (added ` +
          `p50 within ${ENDPOINT_P50_MARGIN_MS} ms of chat's, same run). ${allPass ? '**Met**' : '**Not met**'}` +
          (allPass ? '.' : ': see the failing rows.'),
      ],
      table: {
        headers: ['target', 'measured', 'result'],
        rows: verdicts.map((v) => [v.target, v.measured, v.pass ? 'PASS' : 'FAIL']),
      },
    },
  ];
}

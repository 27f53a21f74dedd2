import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * Presidio's analyzer and anonymizer on one node:http server (`POST /analyze`, `POST /anonymize`, `GET /health`), as
 * microsoft/presidio's Flask apps answer: no auth, code-point offsets with an exclusive end, `<ENTITY_TYPE>` by default.
 * The analyzer is a small regex table (e-mail, phone, card, the marker names Jane Doe / John Smith, and `BLOCKME` as a
 * `MARKER` entity) plus request-scoped ad-hoc recognizers.
 */

export interface PresidioMockSwitches extends VendorFaultSwitches {
  /** Faults for one service only: the other answers normally. */
  only?: 'analyze' | 'anonymize';
}

interface Result {
  entity_type: string;
  start: number;
  end: number;
  score: number;
}

const DETECTORS: ReadonlyArray<{ entity: string; pattern: RegExp; score: number }> = [
  { entity: 'EMAIL_ADDRESS', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, score: 1.0 },
  { entity: 'PHONE_NUMBER', pattern: /\b\d{3}-\d{3}-\d{4}\b/g, score: 0.75 },
  { entity: 'CREDIT_CARD', pattern: /\b(?:\d{4}[ -]?){3}\d{4}\b/g, score: 1.0 },
  { entity: 'PERSON', pattern: /\b(?:Jane Doe|John Smith)\b/g, score: 0.85 },
  { entity: 'MARKER', pattern: /\bBLOCKME\b/g, score: 0.9 },
];

export class PresidioMock extends SwitchedMockServer<PresidioMockSwitches> {
  constructor(initial: Partial<PresidioMockSwitches>) {
    super(NO_FAULTS, initial, (request, res, req, switches) => answer(request, res, req, switches));
  }

  analyzeRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/analyze');
  }

  anonymizeRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/anonymize');
  }
}

export async function startPresidioMock(options: Partial<PresidioMockSwitches> = {}): Promise<PresidioMock> {
  return new PresidioMock(options).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: PresidioMockSwitches,
): Promise<void> {
  const route = request.path.split('?')[0];
  if (request.method === 'GET' && route === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Presidio Analyzer service is up');
    return;
  }
  const faultHere = switches.only === undefined || `/${switches.only}` === route;
  if (faultHere) {
    const faulted = await playFault(switches, res, req, {
      status: (status) =>
        sendJson(res, status, { error: status === 400 ? 'Invalid request json' : 'Internal server error' }),
      wrongShape: () => sendJson(res, 200, route === '/analyze' ? { results: 'none' } : { anonymized: true }),
    });
    if (faulted) {
      return;
    }
  }
  if (request.method !== 'POST') {
    return sendJson(res, 405, { error: 'Method Not Allowed' });
  }
  if (switches.reply !== undefined && faultHere) {
    return sendJson(res, 200, switches.reply);
  }
  const body = request.body;
  if (!isObject(body)) {
    return sendJson(res, 400, { error: 'Invalid request json' });
  }
  if (route === '/analyze') {
    return analyze(res, body);
  }
  if (route === '/anonymize') {
    return anonymize(res, body);
  }
  sendJson(res, 404, { error: 'Not Found' });
}

function analyze(res: ServerResponse, body: Record<string, unknown>): void {
  if (typeof body.text !== 'string' || body.text === '') {
    return sendJson(res, 500, { error: 'No text provided' });
  }
  if (typeof body.language !== 'string') {
    return sendJson(res, 500, { error: 'No language provided' });
  }
  if (body.language !== 'en') {
    return sendJson(res, 500, {
      error: `No matching recognizers were found to serve the request (language ${body.language}).`,
    });
  }
  const text = body.text;
  const detectors = [...DETECTORS, ...adHoc(body.ad_hoc_recognizers)];
  const wanted = Array.isArray(body.entities) ? new Set(body.entities as string[]) : undefined;
  const allow = Array.isArray(body.allow_list) ? new Set(body.allow_list as string[]) : new Set<string>();
  const threshold = typeof body.score_threshold === 'number' ? body.score_threshold : 0;
  const results: Array<Result & { analysis_explanation: null }> = [];
  for (const detector of detectors) {
    if (wanted && !wanted.has(detector.entity)) {
      continue;
    }
    for (const match of text.matchAll(detector.pattern)) {
      const index = match.index ?? 0;
      if (allow.has(match[0]) || detector.score < threshold) {
        continue;
      }
      const start = [...text.slice(0, index)].length;
      results.push({
        analysis_explanation: null,
        end: start + [...match[0]].length,
        entity_type: detector.entity,
        score: detector.score,
        start,
      });
    }
  }
  sendJson(res, 200, results);
}

function adHoc(recognizers: unknown): Array<{ entity: string; pattern: RegExp; score: number }> {
  if (!Array.isArray(recognizers)) {
    return [];
  }
  return recognizers.filter(isObject).flatMap((recognizer) =>
    (Array.isArray(recognizer.patterns) ? recognizer.patterns : []).filter(isObject).map((pattern) => ({
      entity: String(recognizer.supported_entity),
      pattern: new RegExp(String(pattern.regex), 'g'),
      score: typeof pattern.score === 'number' ? pattern.score : 0.5,
    })),
  );
}

function anonymize(res: ServerResponse, body: Record<string, unknown>): void {
  if (typeof body.text !== 'string' || !Array.isArray(body.analyzer_results)) {
    return sendJson(res, 400, { error: 'Invalid request json' });
  }
  const chars = [...body.text];
  const operators = isObject(body.anonymizers) ? body.anonymizers : {};
  const results = (body.analyzer_results as Result[]).slice().sort((a, b) => b.start - a.start);
  const items: Array<Record<string, unknown>> = [];
  for (const result of results) {
    const operator = (operators[result.entity_type] ?? operators.DEFAULT ?? { type: 'replace' }) as Record<
      string,
      unknown
    >;
    const original = chars.slice(result.start, result.end).join('');
    const replacement = operate(operator, original, result.entity_type);
    if (replacement === undefined) {
      return sendJson(res, 422, { error: `Invalid operator class '${String(operator.type)}'.` });
    }
    chars.splice(result.start, result.end - result.start, ...replacement);
    items.push({ start: result.start, entity_type: result.entity_type, text: replacement, operator: operator.type });
  }
  // Item offsets point into the new text: shift each by the length changes of the replacements before it.
  let shift = 0;
  const ordered = items.reverse().map((item, index) => {
    const original = results[results.length - 1 - index];
    const start = (item.start as number) + shift;
    const length = [...(item.text as string)].length;
    shift += length - (original.end - original.start);
    return { ...item, start, end: start + length };
  });
  sendJson(res, 200, { text: chars.join(''), items: ordered.reverse() });
}

function operate(operator: Record<string, unknown>, original: string, entity: string): string | undefined {
  switch (operator.type) {
    case 'replace':
      return typeof operator.new_value === 'string' ? operator.new_value : `<${entity}>`;
    case 'redact':
      return '';
    case 'mask': {
      const chars = [...original];
      const count = Math.min(Number(operator.chars_to_mask ?? 0), chars.length);
      const from = operator.from_end === true ? chars.length - count : 0;
      return chars
        .map((char, index) => (index >= from && index < from + count ? String(operator.masking_char) : char))
        .join('');
    }
    case 'hash':
      return createHash(typeof operator.hash_type === 'string' ? operator.hash_type : 'sha256')
        .update(original)
        .digest('hex');
    case 'keep':
      return original;
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

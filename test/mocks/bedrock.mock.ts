import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import errorsFixture from '../fixtures/vendors/bedrock.errors.json';
import noneFixture from '../fixtures/vendors/bedrock.none.json';
import promptAttackFixture from '../fixtures/vendors/bedrock.prompt-attack.json';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * AWS Bedrock ApplyGuardrail on node:http: `POST /guardrail/{id}/version/{version}/apply`, for the real SDK pointed
 * here with an `endpoint` override. Signatures are not verified; the Authorization header must only look like SigV4
 * for service `bedrock`. Triggers in the text blocks:
 * - "ignore (all) previous instructions" -> content filter PROMPT_ATTACK, BLOCKED
 * - the marker word `BLOCKME` -> custom word, BLOCKED
 * - an e-mail address -> PII EMAIL, ANONYMIZED (`{EMAIL}` in `outputs` and `output`)
 */

export type BedrockErrorStatus = 400 | 403 | 404 | 429 | 500 | 503;

/**
 * The shared faults, where `status` answers its AWS error (`x-amzn-ErrorType` + `{"message"}`, e.g. 429
 * ThrottlingException) and `wrongShape` answers JSON without an `action`; and Bedrock's own switch.
 */
export interface BedrockMockSwitches extends VendorFaultSwitches<BedrockErrorStatus> {
  /** With `status`: send this error code instead of the status's usual one (e.g. ServiceQuotaExceededException). */
  errorCode?: string;
}

/** One ApplyGuardrail call as the mock understood it: path parameters URL-decoded. */
export interface AppliedGuardrail {
  guardrailIdentifier: string;
  guardrailVersion: string;
  body: unknown;
  seq: number;
}

const APPLY_PATH = /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/;
const GUARDRAIL_VERSION = /^([1-9][0-9]{0,7}|DRAFT)$/;
const PROMPT_ATTACK = /ignore (all )?previous instructions/i;
const BLOCK_MARKER = /\bBLOCKME\b/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BLOCKED_MESSAGE =
  promptAttackFixture.response.outputs[0]?.text ?? 'Sorry, the model cannot answer this question.';

export class BedrockMock extends SwitchedMockServer<BedrockMockSwitches> {
  constructor(initial: Partial<BedrockMockSwitches>) {
    super(NO_FAULTS, initial, answer);
  }

  /** The ApplyGuardrail calls received, identifiers and versions decoded. */
  get applied(): AppliedGuardrail[] {
    return this.requests.flatMap((request) => {
      const params = applyParams(request.path);
      return params ? [{ ...params, body: request.body, seq: request.seq }] : [];
    });
  }
}

export async function startBedrockMock(options: Partial<BedrockMockSwitches> = {}): Promise<BedrockMock> {
  return new BedrockMock(options).start();
}

/** `/guardrail/{id}/version/{version}/apply` -> decoded parameters (ARNs arrive URL-encoded). */
export function applyParams(path: string): { guardrailIdentifier: string; guardrailVersion: string } | undefined {
  const match = APPLY_PATH.exec(path.split('?')[0] ?? '');
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { guardrailIdentifier: decodeURIComponent(match[1]), guardrailVersion: decodeURIComponent(match[2]) };
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: BedrockMockSwitches,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) => {
      const known = errorsFixture.errors[`${status}`];
      sendAwsError(res, status, switches.errorCode ?? known.code, known.message);
    },
    wrongShape: () => sendJson(res, 200, { result: 'ok' }, requestIdHeader()),
  });
  if (faulted) {
    return;
  }
  const authorization = request.headers.authorization;
  if (
    typeof authorization !== 'string' ||
    !authorization.startsWith('AWS4-HMAC-SHA256') ||
    !authorization.includes('/bedrock/aws4_request')
  ) {
    const { code, message } = errorsFixture.unrecognizedClient;
    return sendAwsError(res, 403, code, message);
  }
  const params = request.method === 'POST' ? applyParams(request.path) : undefined;
  if (!params) {
    return sendAwsError(res, 404, 'UnknownOperationException', 'Unknown operation');
  }
  const problem = GUARDRAIL_VERSION.test(params.guardrailVersion)
    ? requestProblem(request.body)
    : `Value '${params.guardrailVersion}' at 'guardrailVersion' failed to satisfy constraint`;
  if (problem !== undefined) {
    return sendAwsError(res, 400, 'ValidationException', problem);
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply, requestIdHeader());
  }
  const texts = (request.body as { content: Array<{ text?: { text?: string } }> }).content.map(
    (block) => block.text?.text ?? '',
  );
  sendJson(res, 200, assess(texts), requestIdHeader());
}

function assess(texts: readonly string[]): Record<string, unknown> {
  const all = texts.join('\n');
  const characters = texts.reduce((sum, text) => sum + text.length, 0);
  const common = {
    usage: noneFixture.response.usage,
    guardrailCoverage: { textCharacters: { guarded: characters, total: characters } },
  };
  const promptAttack = PROMPT_ATTACK.test(all);
  const marker = BLOCK_MARKER.test(all);
  const emails = [...all.matchAll(EMAIL)].map((match) => match[0]);
  if (!promptAttack && !marker && emails.length === 0) {
    return { ...noneFixture.response, ...common };
  }
  const assessment = {
    ...(promptAttack
      ? {
          contentPolicy: {
            filters: [
              { type: 'PROMPT_ATTACK', confidence: 'HIGH', filterStrength: 'HIGH', action: 'BLOCKED', detected: true },
            ],
          },
        }
      : {}),
    ...(marker ? { wordPolicy: { customWords: [{ match: 'BLOCKME', action: 'BLOCKED', detected: true }] } } : {}),
    ...(emails.length > 0
      ? {
          sensitiveInformationPolicy: {
            piiEntities: emails.map((match) => ({ match, type: 'EMAIL', action: 'ANONYMIZED', detected: true })),
            regexes: [],
          },
        }
      : {}),
  };
  const blocked = promptAttack || marker;
  const outputs = blocked
    ? [{ text: BLOCKED_MESSAGE }]
    : texts.map((text) => ({ text: text.replace(EMAIL, '{EMAIL}') }));
  return {
    action: 'GUARDRAIL_INTERVENED',
    actionReason: blocked ? 'Guardrail blocked.' : 'Guardrail masked.',
    outputs,
    output: outputs,
    assessments: [assessment],
    ...common,
  };
}

function requestProblem(body: unknown): string | undefined {
  if (!isObject(body)) {
    return 'Request body must be a JSON object';
  }
  if (body.source !== 'INPUT' && body.source !== 'OUTPUT') {
    return "Value at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]";
  }
  if (!Array.isArray(body.content) || body.content.length === 0) {
    return "Value at 'content' failed to satisfy constraint: Member must not be null or empty";
  }
  const textless = body.content.findIndex(
    (block: unknown) => !isObject(block) || !isObject(block.text) || typeof block.text.text !== 'string',
  );
  return textless >= 0 ? `Value at 'content.${textless + 1}.member.text' must be a text block` : undefined;
}

function sendAwsError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(
    res,
    status,
    { message },
    { 'x-amzn-errortype': `${code}${errorsFixture.errorTypeSuffix}`, ...requestIdHeader() },
  );
}

function requestIdHeader(): Record<string, string> {
  return { 'x-amzn-requestid': randomUUID() };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

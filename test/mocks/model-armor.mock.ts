import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * Google Cloud Model Armor and Google's OAuth2 token endpoint on one node:http server.
 * - `POST /token` (form body): verifies the service account's RS256 JWT against the test key and its claims
 *   (grant type, iss, scope, aud, exp - iat <= 3600), answers `{access_token, expires_in, token_type}`, counts calls.
 * - `POST /v1/projects/:p/locations/:l/templates/:t:sanitizeUserPrompt|:sanitizeModelResponse`: 401 UNAUTHENTICATED
 *   without a token this mock issued, 404 NOT_FOUND for an unknown template. Every filter entry is present; triggers:
 *   "ignore (all) previous instructions" -> pi_and_jailbreak, "BLOCKME" -> rai/dangerous, "malware.test" ->
 *   malicious_uris, an SSN -> sdp (inspect on `ma-tmpl`, de-identified to [US_SOCIAL_SECURITY_NUMBER] on `deid-tmpl`).
 */

export const ARMOR_PROJECT = 'my-proj';
export const ARMOR_LOCATION = 'us-central1';
const TEMPLATES = new Set(['ma-tmpl', 'deid-tmpl']);
/** What google-auth-library puts in `aud` (it posts to this URL; the key's token_uri only redirects the call). */
const GOOGLE_TOKEN_AUD = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;

export interface ModelArmorSwitches extends VendorFaultSwitches {
  /** The token endpoint answers 400 invalid_grant. */
  invalidGrant: boolean;
  /** `expires_in` of issued tokens (seconds). */
  expiresIn: number;
  /** `invocationResult` PARTIAL / FAILURE, with every filter EXECUTION_SKIPPED. */
  invocation: 'SUCCESS' | 'PARTIAL' | 'FAILURE';
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export class ModelArmorMock extends SwitchedMockServer<ModelArmorSwitches> {
  readonly issued = new Set<string>();
  tokenCalls = 0;

  constructor(initial: Partial<ModelArmorSwitches>) {
    super(
      { ...NO_FAULTS, invalidGrant: false, expiresIn: 3599, invocation: 'SUCCESS' },
      initial,
      (request, res, req, switches) => this.answer(request, res, req, switches),
    );
  }

  /** A service account key whose `token_uri` is this mock: what `credentials` holds in tests. */
  serviceAccountKey(): Record<string, string> {
    return {
      type: 'service_account',
      project_id: ARMOR_PROJECT,
      private_key_id: 'test-key-1',
      private_key: PRIVATE_PEM,
      client_email: 'warden-test@my-proj.iam.gserviceaccount.com',
      client_id: '1234567890',
      token_uri: `${this.url}/token`,
    };
  }

  armorRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith('/v1/'));
  }

  override reset(): void {
    super.reset();
  }

  private async answer(
    request: RecordedRequest,
    res: ServerResponse,
    req: IncomingMessage,
    switches: ModelArmorSwitches,
  ): Promise<void> {
    if (request.path === '/token') {
      return this.token(request, res, switches);
    }
    const faulted = await playFault(switches, res, req, {
      status: (status) => sendGoogleError(res, status),
      wrongShape: () => sendJson(res, 200, { result: 'ok' }),
    });
    if (faulted) {
      return;
    }
    const auth = request.headers.authorization;
    if (typeof auth !== 'string' || !this.issued.has(auth.replace(/^Bearer /, ''))) {
      return sendGoogleError(res, 401);
    }
    const match =
      /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/templates\/([^/:]+):(sanitizeUserPrompt|sanitizeModelResponse)$/.exec(
        request.path,
      );
    if (request.method !== 'POST' || !match || !TEMPLATES.has(decodeURIComponent(match[3]))) {
      return sendGoogleError(res, 404);
    }
    if (switches.reply !== undefined) {
      return sendJson(res, 200, switches.reply);
    }
    const body = (request.body ?? {}) as Record<string, { text?: unknown }>;
    const item = match[4] === 'sanitizeUserPrompt' ? body.userPromptData : body.modelResponseData;
    if (typeof item?.text !== 'string') {
      return sendGoogleError(res, 400);
    }
    sendJson(res, 200, sanitize(item.text, decodeURIComponent(match[3]) === 'deid-tmpl', switches.invocation));
  }

  private token(request: RecordedRequest, res: ServerResponse, switches: ModelArmorSwitches): void {
    this.tokenCalls += 1;
    const form = new URLSearchParams(request.rawBody);
    const problem = jwtProblem(form);
    if (switches.invalidGrant || problem) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: problem ?? 'Invalid JWT Signature.' });
    }
    const token = `ya29.mock-${this.tokenCalls}-${request.seq}`;
    this.issued.add(token);
    sendJson(res, 200, { access_token: token, expires_in: switches.expiresIn, token_type: 'Bearer' });
  }
}

export async function startModelArmorMock(options: Partial<ModelArmorSwitches> = {}): Promise<ModelArmorMock> {
  return new ModelArmorMock(options).start();
}

function jwtProblem(form: URLSearchParams): string | undefined {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return 'Invalid grant_type.';
  }
  const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
  if (!header || !claims || !signature) {
    return 'Invalid JWT.';
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${claims}`);
  if (
    !verifier.verify(
      createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })),
      Buffer.from(signature, 'base64url'),
    )
  ) {
    return 'Invalid JWT Signature.';
  }
  const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
  if ((JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg !== 'RS256') {
    return 'Invalid JWT algorithm.';
  }
  if (decoded.aud !== GOOGLE_TOKEN_AUD) {
    return 'Invalid JWT: Failed audience check.';
  }
  if (decoded.iss !== 'warden-test@my-proj.iam.gserviceaccount.com' || decoded.scope !== SCOPE) {
    return 'Invalid JWT: iss or scope.';
  }
  if (typeof decoded.exp !== 'number' || typeof decoded.iat !== 'number' || decoded.exp - decoded.iat > 3600) {
    return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.';
  }
  return undefined;
}

function sanitize(
  text: string,
  deidentify: boolean,
  invocation: ModelArmorSwitches['invocation'],
): Record<string, unknown> {
  const skipped = invocation !== 'SUCCESS';
  const state = (hit: boolean) => ({
    executionState: skipped ? 'EXECUTION_SKIPPED' : 'EXECUTION_SUCCESS',
    matchState: !skipped && hit ? 'MATCH_FOUND' : 'NO_MATCH_FOUND',
  });
  const injection = /ignore (all )?previous instructions/i.test(text);
  const dangerous = /\bBLOCKME\b/.test(text);
  const uri = /malware\.test/.exec(text);
  const ssns = [...text.matchAll(SSN)];
  const sdp = deidentify
    ? {
        deidentifyResult: {
          ...state(ssns.length > 0),
          ...(ssns.length > 0 && !skipped
            ? {
                data: { text: text.replace(SSN, '[US_SOCIAL_SECURITY_NUMBER]') },
                transformedBytes: String(ssns.length * 11),
                infoTypes: ['US_SOCIAL_SECURITY_NUMBER'],
              }
            : {}),
        },
      }
    : {
        inspectResult: {
          ...state(ssns.length > 0),
          ...(ssns.length > 0 && !skipped
            ? {
                findings: ssns.map((match) => {
                  const start = String([...text.slice(0, match.index)].length);
                  const end = String(Number(start) + 11);
                  return {
                    infoType: 'US_SOCIAL_SECURITY_NUMBER',
                    likelihood: 'LIKELY',
                    location: { byteRange: { start, end }, codepointRange: { start, end } },
                  };
                }),
              }
            : {}),
        },
      };
  const any = !skipped && (injection || dangerous || uri !== null || ssns.length > 0);
  return {
    sanitizationResult: {
      filterMatchState: any ? 'MATCH_FOUND' : 'NO_MATCH_FOUND',
      invocationResult: invocation,
      filterResults: {
        csam: { csamFilterFilterResult: state(false) },
        malicious_uris: {
          maliciousUriFilterResult: {
            ...state(uri !== null),
            ...(uri && !skipped
              ? {
                  maliciousUriMatchedItems: [
                    { uri: uri[0], locations: [{ start: String(uri.index), end: String(uri.index + uri[0].length) }] },
                  ],
                }
              : {}),
          },
        },
        rai: {
          raiFilterResult: {
            ...state(dangerous),
            raiFilterTypeResults: {
              dangerous: {
                matchState: !skipped && dangerous ? 'MATCH_FOUND' : 'NO_MATCH_FOUND',
                ...(dangerous ? { confidenceLevel: 'HIGH' } : {}),
              },
              harassment: { matchState: 'NO_MATCH_FOUND' },
              hate_speech: { matchState: 'NO_MATCH_FOUND' },
              sexually_explicit: { matchState: 'NO_MATCH_FOUND' },
            },
          },
        },
        pi_and_jailbreak: {
          piAndJailbreakFilterResult: { ...state(injection), ...(injection ? { confidenceLevel: 'HIGH' } : {}) },
        },
        sdp: { sdpFilterResult: sdp },
      },
      ...(skipped
        ? {
            sanitizationMetadata: {
              errorCode: '500',
              errorMessage: 'filters skipped',
              ignorePartialInvocationFailures: false,
            },
          }
        : {}),
    },
  };
}

function sendGoogleError(res: ServerResponse, status: number): void {
  const statuses: Record<number, [string, string]> = {
    400: ['INVALID_ARGUMENT', 'Invalid request.'],
    401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'],
    403: ['PERMISSION_DENIED', 'Permission denied on resource.'],
    404: ['NOT_FOUND', 'Template not found.'],
    429: ['RESOURCE_EXHAUSTED', 'Quota exceeded.'],
    503: ['UNAVAILABLE', 'The service is currently unavailable.'],
  };
  const [code, message] = statuses[status] ?? ['INTERNAL', 'Internal error encountered.'];
  sendJson(res, status, { error: { code: status, message, status: code } });
}

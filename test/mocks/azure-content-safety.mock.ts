import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RecordedRequest } from './mock-server';
import { NO_FAULTS, playFault, SwitchedMockServer, type VendorFaultSwitches } from './vendor-faults';

/**
 * Azure AI Content Safety on node:http: `POST /contentsafety/text:shieldPrompt` and `POST /contentsafety/text:analyze`
 * (the colon is literal), `api-version` required, `Ocp-Apim-Subscription-Key` checked. Prompt Shields flags
 * "ignore (all) previous instructions" and "BLOCKME" in the prompt or any document. Analyze scores: "hurt" ->
 * Violence 4, "idiot" -> Hate 3 (eight levels; 2 on the four-level scale), "BLOCKME" -> Hate 6; blocklist
 * `banned-terms` holds "idiot" and "falcon".
 */

export const AZURE_MOCK_KEY = 'azure-cs-test-key-0123456789';

const ATTACK = /ignore (all )?previous instructions|\bBLOCKME\b/i;
const SEVERITIES: ReadonlyArray<{ pattern: RegExp; category: string; eight: number }> = [
  { pattern: /\bhurt\b/i, category: 'Violence', eight: 4 },
  { pattern: /\bidiot\b/i, category: 'Hate', eight: 3 },
  { pattern: /\bBLOCKME\b/, category: 'Hate', eight: 6 },
];
const BLOCKLISTS: Record<string, ReadonlyArray<{ id: string; text: string }>> = {
  'banned-terms': [
    { id: '6f0b8c2a-4c1e-4f7e-9a55-2d1e7e3b9c10', text: 'idiot' },
    { id: '0d9d7f1e-2b6a-4a41-8f7e-1c2d3e4f5a6b', text: 'falcon' },
  ],
};
const ALL_CATEGORIES = ['Hate', 'SelfHarm', 'Sexual', 'Violence'];

export class AzureContentSafetyMock extends SwitchedMockServer<VendorFaultSwitches> {
  constructor(initial: Partial<VendorFaultSwitches>) {
    super(NO_FAULTS, initial, (request, res, req, switches) => answer(request, res, req, switches));
  }
}

export async function startAzureContentSafetyMock(
  options: Partial<VendorFaultSwitches> = {},
): Promise<AzureContentSafetyMock> {
  return new AzureContentSafetyMock(options).start();
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: VendorFaultSwitches,
): Promise<void> {
  const faulted = await playFault(switches, res, req, {
    status: (status) =>
      sendAzureError(res, status, status === 401 ? '401' : status === 429 ? 'TooManyRequests' : 'InternalError'),
    wrongShape: () => sendJson(res, 200, { analysis: 'ok' }),
  });
  if (faulted) {
    return;
  }
  const url = new URL(request.path, 'http://mock');
  if (request.headers['ocp-apim-subscription-key'] !== AZURE_MOCK_KEY) {
    return sendJson(res, 401, {
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    });
  }
  if (!url.searchParams.get('api-version')) {
    return sendAzureError(res, 404, 'ResourceNotFound', 'Resource not found');
  }
  if (switches.reply !== undefined) {
    return sendJson(res, 200, switches.reply);
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.method === 'POST' && url.pathname === '/contentsafety/text:shieldPrompt') {
    const documents = Array.isArray(body.documents) ? (body.documents as string[]) : [];
    return sendJson(res, 200, {
      userPromptAnalysis: { attackDetected: typeof body.userPrompt === 'string' && ATTACK.test(body.userPrompt) },
      documentsAnalysis: documents.map((document) => ({ attackDetected: ATTACK.test(document) })),
    });
  }
  if (request.method === 'POST' && url.pathname === '/contentsafety/text:analyze') {
    return analyze(res, body);
  }
  sendAzureError(res, 404, 'ResourceNotFound', 'Resource not found');
}

function analyze(res: ServerResponse, body: Record<string, unknown>): void {
  if (typeof body.text !== 'string' || body.text === '') {
    return sendAzureError(res, 400, 'InvalidRequestBody', 'The request body is invalid: text is required.');
  }
  if ([...body.text].length > 10_000) {
    return sendAzureError(res, 400, 'InvalidRequestBody', 'The text is too long: at most 10000 characters.');
  }
  const text = body.text;
  const names = Array.isArray(body.blocklistNames) ? (body.blocklistNames as string[]) : [];
  const blocklistsMatch = names.flatMap((name) =>
    (BLOCKLISTS[name] ?? [])
      .filter((item) => new RegExp(`\\b${item.text}\\b`, 'i').test(text))
      .map((item) => ({ blocklistName: name, blocklistItemId: item.id, blocklistItemText: item.text })),
  );
  if (blocklistsMatch.length > 0 && body.haltOnBlocklistHit === true) {
    return sendJson(res, 200, { blocklistsMatch, categoriesAnalysis: [] });
  }
  const eight = body.outputType === 'EightSeverityLevels';
  const categories = Array.isArray(body.categories) ? (body.categories as string[]) : ALL_CATEGORIES;
  sendJson(res, 200, {
    blocklistsMatch,
    categoriesAnalysis: categories.map((category) => {
      const hits = SEVERITIES.filter((item) => item.category === category && item.pattern.test(text));
      const severity = Math.max(0, ...hits.map((item) => item.eight));
      return { category, severity: eight ? severity : Math.floor(severity / 2) * 2 };
    }),
  });
}

function sendAzureError(res: ServerResponse, status: number, code: string, message = 'The service failed.'): void {
  sendJson(res, status, { error: { code, message } }, { 'x-ms-error-code': code });
}

import type { GuardContext, GuardInput, Rewrite, Verdict } from '../../guardrail.types';
import { lastUserIndex, lastUserText } from '../screened-text';
import { specifiedFactory } from '../spec-factory';
import { joinUrl, postToVendor, withExtraBody } from '../vendor-call';
import { stringParam } from '../vendor-params';
import { errorVerdict, invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { replaceText } from '../replace-text';
import { credentialsProblem, LibraryGoogleTokens, type GoogleAccessTokens } from './google-tokens';
import { readSanitization, sanitizationResultOf, withoutEchoedText } from './model-armor.response';
import { MODEL_ARMOR_SPEC } from './model-armor.spec';

const VENDOR = 'Model Armor';

interface ArmorSettings {
  endpoint: string;
  location: string;
  templateId: string;
  projectId?: string;
  maskRequest: boolean;
  maskResponse: boolean;
}

export const modelArmorGuardrail = specifiedFactory(
  MODEL_ARMOR_SPEC,
  (definition, deps) => {
    const params = definition.params;
    const location = stringParam(params, 'location') ?? 'us-central1';
    const projectId = stringParam(params, 'project_id');
    const settings: ArmorSettings = {
      endpoint: stringParam(params, 'api_endpoint') ?? `https://modelarmor.${location}.rep.googleapis.com`,
      location,
      templateId: stringParam(params, 'template_id') ?? '',
      ...(projectId !== undefined ? { projectId } : {}),
      maskRequest: params.mask_request_content === true,
      maskResponse: params.mask_response_content === true,
    };
    const tokens = new LibraryGoogleTokens(params.credentials);
    return {
      definition,
      responseKey: MODEL_ARMOR_SPEC.responseKey,
      check: (input, context) => neverThrow(VENDOR, () => screen(settings, tokens, deps.http, input, context)),
    };
  },
  (params) => {
    const problem = credentialsProblem(params.credentials);
    return problem ? [['credentials', problem]] : [];
  },
);

async function screen(
  settings: ArmorSettings,
  tokens: GoogleAccessTokens,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const answerSide = context.mode === 'post_call';
  const text = answerSide ? (input.response ?? '') : lastUserText(input);
  if (text.trim() === '') {
    return { outcome: 'pass' };
  }
  let token: string;
  let projectId: string | undefined;
  try {
    [token, projectId] = await Promise.all([tokens.token(), settings.projectId ?? tokens.projectId()]);
  } catch (error) {
    return errorVerdict(`${VENDOR}: Google credentials failed: ${(error as Error).message}`, { code: 'AUTH' });
  }
  if (projectId === undefined) {
    return errorVerdict(`${VENDOR}: no project_id configured and none in the credentials`, { code: 'CONFIG' });
  }
  const operation = answerSide ? 'sanitizeModelResponse' : 'sanitizeUserPrompt';
  const path = `/v1/projects/${encodeURIComponent(projectId)}/locations/${encodeURIComponent(settings.location)}/templates/${encodeURIComponent(settings.templateId)}:${operation}`;
  const built = answerSide ? { modelResponseData: { text } } : { userPromptData: { text } };
  const body = withExtraBody(built, context.extraBody, ['userPromptData', 'modelResponseData', 'userPrompt']);
  const answer = await postToVendor(http, VENDOR, joinUrl(settings.endpoint, path), body, {
    headers: { authorization: `Bearer ${token}` },
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const result = sanitizationResultOf(answer.body);
  if (!result) {
    return invalidResponseVerdict(VENDOR, 'without sanitizationResult.filterResults');
  }
  const reading = readSanitization(result);
  const vendorResponse = withoutEchoedText(answer.body);
  const masking = answerSide ? settings.maskResponse : settings.maskRequest;
  const deidentifiedFlags = reading.deidentified !== undefined && !masking;
  if (!reading.blockingMatch && !deidentifiedFlags && reading.deidentified === undefined) {
    return { outcome: 'pass', vendorResponse };
  }
  const rewrite = !reading.blockingMatch && masking ? maskRewrite(reading.deidentified, input, answerSide) : undefined;
  return {
    outcome: 'flagged',
    findings: reading.findings,
    vendorResponse,
    ...(rewrite ? { rewrite } : {}),
    flaggedIn: answerSide ? 'response' : 'input',
  };
}

/** The de-identified text replaces what was sent: the answer, or the last user message. */
function maskRewrite(deidentified: string | undefined, input: GuardInput, answerSide: boolean): Rewrite | undefined {
  if (deidentified === undefined) {
    return undefined;
  }
  if (answerSide) {
    return { response: deidentified };
  }
  const index = lastUserIndex(input.messages);
  const messages = [...input.messages];
  messages[index] = replaceText(input.messages[index], deidentified);
  return { messages };
}

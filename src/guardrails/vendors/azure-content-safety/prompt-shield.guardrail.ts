import type { Finding, GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { lastUserText, toolResultTexts } from '../screened-text';
import { specifiedFactory } from '../spec-factory';
import { postToVendor, withExtraBody } from '../vendor-call';
import { isRecord } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { VendorHttpClient } from '../vendor.contract';
import { azureHeaders, azureUrl, readAzureSettings, type AzureSettings } from './azure-call';
import { AZURE_PROMPT_SHIELD_SPEC } from './azure.spec';

const VENDOR = 'Azure Prompt Shields';

/**
 * The last user message is the `userPrompt`; tool results (what agents retrieve and feed back) are `documents`, where
 * indirect injections hide. LiteLLM sends no documents; Warden screens them and says which one was an attack.
 */
export const azurePromptShieldGuardrail = specifiedFactory(AZURE_PROMPT_SHIELD_SPEC, (definition, deps) => {
  const settings = readAzureSettings(definition.params);
  return {
    definition,
    responseKey: AZURE_PROMPT_SHIELD_SPEC.responseKey,
    check: (input, context) => neverThrow(VENDOR, () => screen(settings, deps.http, input, context)),
  };
});

async function screen(
  settings: AzureSettings,
  http: VendorHttpClient,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const userPrompt = lastUserText(input);
  const documents = toolResultTexts(input);
  if (userPrompt === '' && documents.length === 0) {
    return { outcome: 'pass' };
  }
  const body = withExtraBody({ userPrompt, documents }, context.extraBody, ['userPrompt', 'documents']);
  const answer = await postToVendor(http, VENDOR, azureUrl(settings, 'shieldPrompt'), body, {
    headers: azureHeaders(settings),
    signal: context.signal,
    cache: context.cache,
  });
  if (!answer.ok) {
    return answer.verdict;
  }
  const prompt = answer.body.userPromptAnalysis;
  const analyses: unknown[] = Array.isArray(answer.body.documentsAnalysis) ? answer.body.documentsAnalysis : [];
  if (!isRecord(prompt) || typeof prompt.attackDetected !== 'boolean' || analyses.length !== documents.length) {
    return invalidResponseVerdict(
      VENDOR,
      'without userPromptAnalysis.attackDetected and one documentsAnalysis per document',
    );
  }
  const findings: Finding[] = [];
  if (prompt.attackDetected) {
    findings.push({ detector: 'azure_prompt_shield', type: 'user_prompt_attack', count: 1, ruleId: 'userPrompt' });
  }
  analyses.forEach((analysis, index) => {
    if (isRecord(analysis) && analysis.attackDetected === true) {
      findings.push({
        detector: 'azure_prompt_shield',
        type: 'document_attack',
        count: 1,
        ruleId: `documents[${index}]`,
      });
    }
  });
  if (findings.length === 0) {
    return { outcome: 'pass', vendorResponse: answer.body };
  }
  return { outcome: 'flagged', findings, vendorResponse: answer.body, flaggedIn: 'input' };
}

import { joinUrl } from '../vendor-call';
import { stringParam } from '../vendor-params';

export const AZURE_DEFAULT_API_VERSION = '2024-09-01';

export interface AzureSettings {
  apiBase: string;
  apiKey: string;
  apiVersion: string;
}

export function readAzureSettings(params: Readonly<Record<string, unknown>>): AzureSettings {
  const version = stringParam(params, 'api_version');
  return {
    apiBase: stringParam(params, 'api_base') ?? '',
    apiKey: stringParam(params, 'api_key') ?? '',
    // An old stored LiteLLM value `v1` means the stable version.
    apiVersion: version === undefined || version === 'v1' ? AZURE_DEFAULT_API_VERSION : version,
  };
}

/** `{api_base}/contentsafety/text:<operation>?api-version=...` (the colon is literal). */
export function azureUrl(settings: AzureSettings, operation: 'shieldPrompt' | 'analyze'): string {
  return `${joinUrl(settings.apiBase, `/contentsafety/text:${operation}`)}?api-version=${encodeURIComponent(settings.apiVersion)}`;
}

export function azureHeaders(settings: AzureSettings): Record<string, string> {
  return { 'ocp-apim-subscription-key': settings.apiKey };
}

import type { VendorSpec } from '../vendor-spec';

export const GUARDRAIL_VERSION = /^([1-9][0-9]{0,7}|DRAFT)$/;

/** `guardrail: bedrock`: AWS Bedrock ApplyGuardrail through the official SDK. */
export const BEDROCK_SPEC: VendorSpec = {
  kind: 'bedrock',
  label: 'AWS Bedrock Guardrails',
  modes: ['pre_call', 'during_call', 'post_call'],
  masks: true,
  responseKey: 'bedrock_guardrail_response',
  http: true,
  params: [
    { key: 'guardrailIdentifier', label: 'Guardrail identifier', type: 'string', required: true },
    {
      key: 'guardrailVersion',
      label: 'Guardrail version',
      type: 'string_or_number',
      required: true,
      placeholder: '1 or DRAFT',
    },
    {
      key: 'aws_region_name',
      label: 'AWS region',
      type: 'string',
      env: ['AWS_REGION_NAME', 'AWS_REGION'],
      placeholder: 'us-east-1',
      hint: 'Credentials come from the gateway’s default AWS credential chain.',
    },
    { key: 'aws_access_key_id', label: 'AWS access key id', type: 'string', secret: true, hidden: true },
    { key: 'aws_secret_access_key', label: 'AWS secret access key', type: 'string', secret: true, hidden: true },
    { key: 'aws_session_token', label: 'AWS session token', type: 'string', secret: true, hidden: true },
    { key: 'aws_bedrock_runtime_endpoint', label: 'Endpoint override', type: 'url', hidden: true },
  ],
  rules(params) {
    const problems: Array<[string, string]> = [];
    const version = params.guardrailVersion;
    if (
      (typeof version === 'string' && version !== '' && !GUARDRAIL_VERSION.test(version)) ||
      (typeof version === 'number' && !GUARDRAIL_VERSION.test(String(version)))
    ) {
      problems.push(['guardrailVersion', 'guardrailVersion must be a version number (1-99999999) or DRAFT']);
    }
    const hasKeyId = params.aws_access_key_id !== undefined;
    const hasSecret = params.aws_secret_access_key !== undefined;
    if (hasKeyId !== hasSecret) {
      problems.push([
        hasKeyId ? 'aws_secret_access_key' : 'aws_access_key_id',
        'aws_access_key_id and aws_secret_access_key go together (leave both out to use the default AWS chain)',
      ]);
    }
    return problems;
  },
};

import { BEDROCK_SPEC } from './bedrock.spec';
import { specifiedFactory } from '../spec-factory';
import type * as BedrockRuntime from '@aws-sdk/client-bedrock-runtime';
import type * as SmithyHttp from '@smithy/node-http-handler';
import type {
  ApplyGuardrailCommandInput,
  ApplyGuardrailCommandOutput,
  BedrockRuntimeClient,
  BedrockRuntimeClientConfig,
} from '@aws-sdk/client-bedrock-runtime';
import type { GuardContext, GuardInput, Verdict } from '../../guardrail.types';
import { textOf } from '../../message-text';
import {
  anonymizedOnly,
  anonymizedRewrite,
  bedrockFindings,
  withoutFlaggedText,
  type SentText,
} from './bedrock.response';
import { sdkErrorVerdict } from './bedrock.verdicts';
import { withExtraBody } from '../vendor-call';
import { stringParam } from '../vendor-params';
import { invalidResponseVerdict, neverThrow } from '../vendor-verdicts';
import type { NodeKeepAliveAgents } from '../vendor.contract';

const VENDOR = 'Bedrock ApplyGuardrail';
export const BEDROCK_RESPONSE_KEY = 'bedrock_guardrail_response';
export const BEDROCK_DEFAULT_REGION = 'us-west-2';
/** What Warden builds from the guardrail's config and the conversation; extra_body cannot replace these. */
const SCREENED_FIELDS = ['guardrailIdentifier', 'guardrailVersion', 'source', 'content'];

type BedrockSdk = typeof BedrockRuntime;
type NodeHttpHandlerClass = typeof SmithyHttp.NodeHttpHandler;

/** The AWS SDK adds ~8 MB to every process: it is loaded with the first Bedrock guardrail, not at start-up. */
let bedrockSdk: Promise<{ sdk: BedrockSdk; NodeHttpHandler: NodeHttpHandlerClass }> | undefined;
function loadSdk(): Promise<{ sdk: BedrockSdk; NodeHttpHandler: NodeHttpHandlerClass }> {
  // @smithy/node-http-handler alone is ~13 MB of RSS: loaded with the SDK, not at start-up.
  bedrockSdk ??= Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@smithy/node-http-handler')]).then(
    ([sdk, handler]) => ({ sdk, NodeHttpHandler: handler.NodeHttpHandler }),
  );
  return bedrockSdk;
}

interface BedrockConnection {
  sdk: BedrockSdk;
  client: BedrockRuntimeClient;
}

interface BedrockSettings {
  guardrailIdentifier: string;
  guardrailVersion: string;
}

/**
 * `guardrail: bedrock`: AWS Bedrock ApplyGuardrail through the official SDK, which does the SigV4 signing.
 * One SDK client per guardrail, without SDK retries: the runner's `timeout_ms` is the whole budget.
 */
export const bedrockGuardrail = specifiedFactory(BEDROCK_SPEC, (definition, deps) => {
  let connection: Promise<BedrockConnection> | undefined;
  const connect = (): Promise<BedrockConnection> => {
    connection ??= loadSdk().then(({ sdk, NodeHttpHandler }) => ({
      sdk,
      client: new sdk.BedrockRuntimeClient(clientConfig(definition.params, NodeHttpHandler, deps.nodeAgents)),
    }));
    return connection;
  };
  const settings: BedrockSettings = {
    guardrailIdentifier: stringParam(definition.params, 'guardrailIdentifier') ?? '',
    guardrailVersion: versionParam(definition.params) ?? '',
  };
  return {
    definition,
    responseKey: BEDROCK_RESPONSE_KEY,
    check: (input, context) =>
      neverThrow(VENDOR, async () => applyGuardrail(await connect(), settings, input, context)),
    // The shared agents outlive any one guardrail (destroying the client would destroy them).
    dispose: deps.nodeAgents ? undefined : () => void connection?.then(({ client }) => client.destroy()),
  };
});

function clientConfig(
  params: Readonly<Record<string, unknown>>,
  NodeHttpHandler: NodeHttpHandlerClass,
  agents: NodeKeepAliveAgents | undefined,
): BedrockRuntimeClientConfig {
  const accessKeyId = stringParam(params, 'aws_access_key_id');
  const secretAccessKey = stringParam(params, 'aws_secret_access_key');
  const sessionToken = stringParam(params, 'aws_session_token');
  const endpoint = stringParam(params, 'aws_bedrock_runtime_endpoint');
  return {
    region: stringParam(params, 'aws_region_name') ?? BEDROCK_DEFAULT_REGION,
    maxAttempts: 1,
    // The client defaults to HTTP/2 for its bidirectional streaming operations; ApplyGuardrail is a plain
    // request/response call, and HTTP/1.1 keep-alive also works against local endpoints and proxies that lack h2c.
    // The keep-alive agents are the vendor client's, shared by every Bedrock guardrail (bounded per endpoint).
    requestHandler: new NodeHttpHandler(
      agents ? { httpAgent: agents.http, httpsAgent: agents.https } : { httpsAgent: { keepAlive: true } },
    ),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(accessKeyId !== undefined && secretAccessKey !== undefined
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) } }
      : {}),
  };
}

/** YAML reads `guardrailVersion: 1` as a number; Bedrock wants the string. */
function versionParam(params: Readonly<Record<string, unknown>>): string | undefined {
  const value = params.guardrailVersion;
  if (typeof value === 'number') {
    return String(value);
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function applyGuardrail(
  { sdk, client }: BedrockConnection,
  settings: BedrockSettings,
  input: GuardInput,
  context: GuardContext,
): Promise<Verdict> {
  const response = context.mode === 'post_call' ? input.response : undefined;
  const sent: SentText[] = (
    response !== undefined
      ? [{ text: response }]
      : input.messages.map((message, messageIndex) => ({ text: textOf(message), messageIndex }))
  ).filter(({ text }) => text !== '');
  const content = sent.map(({ text }) => ({ text: { text } }));
  if (content.length === 0) {
    return { outcome: 'pass' };
  }
  // extra_body fields go to the SDK as the client sent them; the serializer drops fields it does not know.
  const extra = withExtraBody({}, context.extraBody, SCREENED_FIELDS) as Partial<ApplyGuardrailCommandInput>;
  const commandInput: ApplyGuardrailCommandInput = {
    ...extra,
    ...settings,
    source: response !== undefined ? 'OUTPUT' : 'INPUT',
    content,
  };
  const { cache } = context;
  const request = cache === undefined ? '' : JSON.stringify(commandInput);
  const cached = cache?.get(request);
  const output =
    cached !== undefined
      ? (JSON.parse(cached) as ApplyGuardrailCommandOutput)
      : await client
          .send(new sdk.ApplyGuardrailCommand(commandInput), { abortSignal: context.signal })
          .catch((error: unknown) => sdkErrorVerdict(VENDOR, error, context.signal));
  if ('outcome' in output) {
    return output;
  }
  const { $metadata: _metadata, ...answer } = output;
  if (cache !== undefined && cached === undefined) {
    cache.offer(request, JSON.stringify(answer));
  }
  if (answer.action === 'NONE') {
    return { outcome: 'pass', vendorResponse: withoutFlaggedText(answer) };
  }
  if (answer.action !== 'GUARDRAIL_INTERVENED') {
    return invalidResponseVerdict(VENDOR, `an unknown action: ${JSON.stringify(answer.action) ?? 'none'}`);
  }
  // PII the guardrail only anonymized is masked with Bedrock's own `{TYPE}` text instead of blocked.
  const anonymized = anonymizedOnly(answer.assessments);
  const rewrite = anonymized ? anonymizedRewrite(answer, input, sent) : undefined;
  return {
    outcome: 'flagged',
    findings: bedrockFindings(answer.assessments),
    vendorResponse: withoutFlaggedText(answer),
    ...(rewrite ? { rewrite } : {}),
    // Bedrock screens one side per call: the response (source OUTPUT) after the call, else the input.
    flaggedIn: response !== undefined ? 'response' : 'input',
  };
}

import type { ModelDeployment } from '../config/config.schema';
import type { EndpointName } from '../endpoints/endpoint-name';
import type { UpstreamResponse } from './providers/llm-provider.interface';

/** An upstream operation: chat completions, or another API a provider may speak natively. */
export type UpstreamOperation = EndpointName;

/**
 * What an endpoint asks of the model router. A deployment whose provider speaks `operation` gets `body` as it is
 * (native); another gets it through chat completions when `viaChat` is given, else the call is a 400 naming the model.
 */
export interface UpstreamRequest {
  operation: UpstreamOperation;
  /** The body in the operation's own wire format, Warden's own fields removed. */
  body: Readonly<Record<string, unknown>>;
  stream: boolean;
  /** Client headers passed on to a native upstream (`anthropic-version`, `anthropic-beta`). */
  headers?: Readonly<Record<string, string>>;
  viaChat?: ChatTranslation;
}

/** How an operation is answered by a provider that speaks only chat completions. */
export interface ChatTranslation {
  /** The chat completions body; throws a 400 (WardenError) naming the field and the model when it cannot translate. */
  request(deployment: ModelDeployment): Record<string, unknown>;
  /** The chat answer (a completion, or chunk payloads) as the operation's own answer (JSON, or event payloads). */
  answer(response: UpstreamResponse, deployment: ModelDeployment): UpstreamResponse;
}

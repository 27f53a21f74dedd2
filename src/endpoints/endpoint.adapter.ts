import type { WardenError } from '../common/warden.error';
import type { AnswerCodec } from '../guardrails/modes/answer-codec';
import type { ChatMessage } from '../guardrails/guardrail.types';
import type { RequestedGuardrails } from '../guardrails/requested-guardrails';
import type { UpstreamRequest } from '../models/upstream-request';
import type { EndpointName } from './endpoint-name';

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What the pipeline needs from any API's request, beside the adapter's own parsed form. */
export interface ParsedRequest {
  model: string;
  stream: boolean;
  requestedGuardrails: RequestedGuardrails;
  /**
   * Set when part of the input is not text guardrails could read (token ids): the request is a 400 whenever a
   * guardrail applies, never a silent pass.
   */
  unreadable?: { param: string; message: string };
}

/** How one API's stream goes on the wire. */
export interface StreamFormat {
  /** One event payload as SSE (`sequence` counts the events written before it, from 0). */
  frame(data: string, sequence: number): string;
  /** Written after the last event: `data: [DONE]` on OpenAI's chat and completions streams, nothing on the others. */
  readonly end: string;
  /** The in-band error event (then the stream ends) when the upstream fails after the first byte. */
  errorFrame(error: WardenError, sequence: number, requestId: string): string;
}

/**
 * One API in front of the single guardrail pipeline: parses and validates its body, lists the texts guardrails read
 * (as chat messages, the vocabulary every vendor speaks) and writes masks back where each came from, says how the
 * upstream is called, and reads and rewrites its answers. Adding an endpoint touches no mode, runner or vendor.
 */
export interface EndpointAdapter<R extends ParsedRequest = ParsedRequest> {
  readonly endpoint: EndpointName;
  /** Throws a 400 (WardenError, with `param`) on a body this API refuses. */
  parse(body: unknown, headers: RequestHeaders): R;
  /** The request's texts as chat messages: instructions/system first, then the conversation in order. */
  guardMessages(request: R): ChatMessage[];
  /**
   * The request with `masked` (guardMessages' list with some texts rewritten; same messages, same text slots) put
   * back where each text came from. Throws (WardenError) when a rewrite cannot be applied faithfully.
   */
  withMaskedMessages(request: R, masked: ChatMessage[]): R;
  upstreamRequest(request: R): UpstreamRequest;
  /** Reads and rewrites this request's answer (a request can matter: `echo` answers repeat the prompt). */
  answerCodec(request: R): AnswerCodec;
  readonly streamFormat: StreamFormat;
}

export { UnmaskableText } from '../guardrails/modes/answer-codec';

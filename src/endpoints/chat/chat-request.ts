import { validateSync, type ValidationError } from 'class-validator';
import { isPlainObject } from '../../config/config.env';
import { isNestedDeeperThan } from '../../common/json-depth';
import { WardenError } from '../../common/warden.error';
import type { ChatMessage } from '../../guardrails/guardrail.types';
import type { RequestedGuardrails } from '../../guardrails/requested-guardrails';
import { splitWardenFields } from '../warden-fields';
import { ChatCompletionRequestDto, findMessageProblem } from './chat-request.dto';

/** What Warden reads from a chat request; `upstreamBody` is everything else, to send on untouched. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  requestedGuardrails: RequestedGuardrails;
  upstreamBody: Record<string, unknown>;
}

/** Far deeper than real chat bodies (tool schemas included); shallow enough for every recursive walker after it. */
const MAX_CHAT_JSON_DEPTH = 100;

export function parseChatRequest(body: unknown): ChatRequest {
  if (!isPlainObject(body)) {
    throw WardenError.invalidRequest('The request body must be a JSON object with model and messages.');
  }
  if (isNestedDeeperThan(body, MAX_CHAT_JSON_DEPTH)) {
    throw WardenError.invalidRequest(`Invalid request: the body is nested deeper than ${MAX_CHAT_JSON_DEPTH} levels.`);
  }
  const dto = toDto(body);
  const errors = validateSync(dto, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const [param, message] = firstProblem(errors, body);
    throw WardenError.invalidRequest(`Invalid request: ${message}`, param);
  }
  const { requestedGuardrails, upstreamBody } = splitWardenFields(body);
  return {
    model: dto.model,
    messages: body.messages as ChatMessage[],
    stream: dto.stream === true,
    requestedGuardrails,
    upstreamBody,
  };
}

/**
 * Builds the DTO by hand from only the fields Warden reads: class-transformer would instantiate whatever the untrusted
 * body names (a `constructor` key included), so it never sees it.
 */
function toDto(body: Record<string, unknown>): ChatCompletionRequestDto {
  const dto = new ChatCompletionRequestDto();
  dto.model = body.model as string;
  dto.stream = body.stream as boolean | undefined;
  dto.messages = body.messages as unknown[];
  return dto;
}

function firstProblem(errors: ValidationError[], body: Record<string, unknown>): [string, string] {
  for (const error of errors) {
    if (error.constraints?.areChatMessages !== undefined && Array.isArray(body.messages)) {
      const problem = findMessageProblem(body.messages);
      if (problem) {
        return [problem.path, problem.message];
      }
    }
    if (error.constraints) {
      return [error.property, Object.values(error.constraints)[0]];
    }
  }
  return ['', 'invalid body'];
}

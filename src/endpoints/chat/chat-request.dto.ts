import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

/** Where the first invalid message is and what is wrong with it, in class-validator's wording. */
export interface MessageProblem {
  path: string;
  message: string;
}

const MAX_ROLE_LENGTH = 64;

function isContent(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    typeof value === 'string' ||
    (Array.isArray(value) &&
      value.every(
        (part) =>
          typeof part === 'object' &&
          part !== null &&
          !Array.isArray(part) &&
          typeof (part as { type?: unknown }).type === 'string',
      ))
  );
}

function isMessageObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first problem in a `messages` list: a value that is not an object, then a message's `role` (a non-empty
 * string of at most 64 characters) or `content` (a string, null, or content parts with a "type"). Only the fields
 * Warden reads; every other field of a message passes through to the upstream untouched.
 */
export function findMessageProblem(messages: readonly unknown[]): MessageProblem | undefined {
  if (!messages.every(isMessageObject)) {
    return { path: 'messages', message: 'each value in messages must be an object with role and content' };
  }
  for (const [index, message] of messages.entries()) {
    const role: unknown = message.role;
    const at = `messages[${index}]`;
    if (typeof role !== 'string') {
      return { path: `${at}.role`, message: `${at}.role must be a string` };
    }
    if (role === '') {
      return { path: `${at}.role`, message: `${at}.role should not be empty` };
    }
    if (role.length > MAX_ROLE_LENGTH) {
      return {
        path: `${at}.role`,
        message: `${at}.role must be shorter than or equal to ${MAX_ROLE_LENGTH} characters`,
      };
    }
    if (!isContent(message.content)) {
      return {
        path: `${at}.content`,
        message: `${at}.content must be a string, null, or a list of content parts with a "type"`,
      };
    }
    const callProblem = toolCallProblem(message, at);
    if (callProblem) {
      return callProblem;
    }
  }
  return undefined;
}

/**
 * Tool calls carry their arguments as a JSON string (OpenAI's format). Anything else is refused: an arguments object
 * would reach a provider (Anthropic takes it as the tool input) without any guardrail having read it as text.
 */
function toolCallProblem(message: Record<string, unknown>, at: string): MessageProblem | undefined {
  const calls = message.tool_calls;
  if (calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) {
      return { path: `${at}.tool_calls`, message: `${at}.tool_calls must be a list of tool calls` };
    }
    for (const [index, call] of calls.entries()) {
      const path = `${at}.tool_calls[${index}]`;
      if (typeof call !== 'object' || call === null || Array.isArray(call)) {
        return { path, message: `${path} must be an object` };
      }
      const fn = (call as Record<string, unknown>).function;
      if (fn !== undefined && !hasStringArguments(fn)) {
        return { path: `${path}.function.arguments`, message: `${path}.function.arguments must be a JSON string` };
      }
    }
  }
  const legacy = message.function_call;
  if (legacy !== undefined && legacy !== null && !hasStringArguments(legacy)) {
    return { path: `${at}.function_call.arguments`, message: `${at}.function_call.arguments must be a JSON string` };
  }
  return undefined;
}

function hasStringArguments(fn: unknown): boolean {
  if (typeof fn !== 'object' || fn === null || Array.isArray(fn)) {
    return false;
  }
  const args = (fn as Record<string, unknown>).arguments;
  return args === undefined || typeof args === 'string';
}

/**
 * One constraint for the whole list rather than a nested DTO per message: class-validator's nested validation
 * allocates ~16 KB per request for a two-message chat (a fifth of all the gateway's allocation under load).
 */
function AreChatMessages(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'areChatMessages',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || findMessageProblem(value) === undefined,
        defaultMessage: (args) =>
          Array.isArray(args?.value) ? (findMessageProblem(args.value)?.message ?? '') : 'messages must be an array',
      },
    },
    options,
  );
}

export class ChatCompletionRequestDto {
  @MaxLength(256)
  @IsNotEmpty()
  @IsString()
  model!: string;

  @AreChatMessages()
  @ArrayNotEmpty()
  @IsArray()
  messages!: unknown[];

  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}

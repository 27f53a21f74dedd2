/**
 * A Messages API request as a chat completions request (reference endpoints.md §6.2), for openai/, azure/ and mock/
 * deployments. Each field is translated, deliberately dropped (listed below), or refused with a 400 naming it.
 */

import { isPlainObject } from '../../config/config.env';
import { WardenError } from '../../common/warden.error';
import { chatMessages, untranslatable, type TranslationTarget } from './messages-content-translation';
import { chatToolName } from './tool-names';

type Json = Record<string, unknown>;

/** Chat completions accepts at most this many stop sequences. */
const MAX_STOP_SEQUENCES = 4;

type FieldRule = (value: unknown, chat: Json, target: TranslationTarget) => void;

const copy =
  (name: string): FieldRule =>
  (value, chat) => {
    chat[name] = value;
  };

const ignore: FieldRule = () => undefined;

/**
 * Every top-level field a translated request may carry. `messages` and `system` are translated together; cache hints
 * and the service tier mean nothing to a chat upstream and are dropped. Anything else is a 400 naming the field.
 */
const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  model: ignore,
  messages: ignore,
  system: ignore,
  max_tokens: copy('max_completion_tokens'),
  stream: (value, chat) => {
    if (value === true) {
      chat.stream = true;
      chat.stream_options = { include_usage: true };
    }
  },
  temperature: copy('temperature'),
  top_p: copy('top_p'),
  stop_sequences: stopSequences,
  metadata: (value, chat) => {
    if (isPlainObject(value) && typeof value.user_id === 'string') {
      chat.user = value.user_id;
    }
  },
  tools: tools,
  tool_choice: ignore,
  thinking: thinking,
  output_config: outputConfig,
  cache_control: ignore,
  service_tier: ignore,
  // The mock/ provider's canned answer, as on chat completions.
  mock_response: copy('mock_response'),
};

/** The chat completions body for `body` (a parsed Messages body, Warden's fields removed). */
export function toChatRequest(body: Readonly<Json>, target: TranslationTarget & { upstreamModel: string }): Json {
  const chat: Json = { model: target.upstreamModel, messages: chatMessages(body, target) };
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || value === null) {
      continue;
    }
    const rule = Object.hasOwn(FIELD_RULES, field) ? FIELD_RULES[field] : undefined;
    if (rule === undefined) {
      throw untranslatable(`the field "${field}"`, field, target);
    }
    rule(value, chat, target);
  }
  toolChoice(body.tool_choice, chat, target);
  return chat;
}

function stopSequences(value: unknown, chat: Json, target: TranslationTarget): void {
  if (!Array.isArray(value) || !value.every((stop) => typeof stop === 'string')) {
    throw WardenError.invalidRequest('stop_sequences: must be a list of strings', 'stop_sequences');
  }
  if (value.length === 0) {
    return;
  }
  if (value.length > MAX_STOP_SEQUENCES) {
    throw untranslatable(`more than ${MAX_STOP_SEQUENCES} stop_sequences`, 'stop_sequences', target);
  }
  chat.stop = value;
}

function tools(value: unknown, chat: Json, target: TranslationTarget): void {
  if (!Array.isArray(value)) {
    return;
  }
  chat.tools = value.map((tool: unknown, index) => {
    const param = `tools.${index}`;
    if (!isPlainObject(tool) || typeof tool.name !== 'string') {
      throw untranslatable('a tool without a name', param, target);
    }
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      throw untranslatable(`the server tool ${JSON.stringify(tool.type)}`, `${param}.type`, target);
    }
    const fn: Json = { name: chatToolName(tool.name), parameters: tool.input_schema ?? { type: 'object' } };
    if (typeof tool.description === 'string') {
      fn.description = tool.description;
    }
    if (typeof tool.strict === 'boolean') {
      fn.strict = tool.strict;
    }
    return { type: 'function', function: fn };
  });
}

function toolChoice(value: unknown, chat: Json, target: TranslationTarget): void {
  if (!isPlainObject(value)) {
    return;
  }
  switch (value.type) {
    case 'auto':
      chat.tool_choice = 'auto';
      break;
    case 'any':
      chat.tool_choice = 'required';
      break;
    case 'none':
      chat.tool_choice = 'none';
      return;
    case 'tool':
      if (typeof value.name !== 'string') {
        throw untranslatable('a tool_choice of type "tool" without a name', 'tool_choice.name', target);
      }
      chat.tool_choice = { type: 'function', function: { name: chatToolName(value.name) } };
      break;
    default:
      throw untranslatable(`the tool_choice type "${String(value.type)}"`, 'tool_choice.type', target);
  }
  if (value.disable_parallel_tool_use === true && chat.tools !== undefined) {
    chat.parallel_tool_calls = false;
  }
}

/**
 * Thinking budgets become OpenAI's effort buckets (as LiteLLM does); `disabled` sends nothing, since models without
 * reasoning refuse any `reasoning_effort`.
 */
function thinking(value: unknown, chat: Json, target: TranslationTarget): void {
  if (!isPlainObject(value)) {
    return;
  }
  switch (value.type) {
    case 'disabled':
      return;
    case 'adaptive':
      chat.reasoning_effort ??= 'medium';
      return;
    case 'enabled': {
      const budget = typeof value.budget_tokens === 'number' ? value.budget_tokens : 0;
      chat.reasoning_effort ??= budget < 4096 ? 'low' : budget < 16384 ? 'medium' : 'high';
      return;
    }
    default:
      throw untranslatable(`the thinking type "${String(value.type)}"`, 'thinking.type', target);
  }
}

const EFFORTS: ReadonlySet<unknown> = new Set(['low', 'medium', 'high']);

function outputConfig(value: unknown, chat: Json, target: TranslationTarget): void {
  if (!isPlainObject(value)) {
    return;
  }
  for (const [key, setting] of Object.entries(value)) {
    if (setting === undefined || setting === null) {
      continue;
    }
    if (key === 'effort' && EFFORTS.has(setting)) {
      // An explicit effort wins over the one derived from a thinking budget.
      chat.reasoning_effort = setting;
    } else if (key === 'format' && isPlainObject(setting) && setting.type === 'json_schema') {
      chat.response_format = {
        type: 'json_schema',
        json_schema: { name: 'output', schema: isPlainObject(setting.schema) ? setting.schema : { type: 'object' } },
      };
    } else {
      throw untranslatable(`output_config.${key} ${JSON.stringify(setting)}`, `output_config.${key}`, target);
    }
  }
}

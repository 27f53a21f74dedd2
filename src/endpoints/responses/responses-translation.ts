/**
 * A Responses request as a chat completions request (reference §6.1), for models whose provider has no Responses API.
 * Server-side state, stored prompts, built-in tools and opaque references have no chat form: a 400 naming the field
 * and the model, never a silent drop.
 */

import { isPlainObject } from '../../config/config.env';
import { toChatMessages } from './responses-input-to-chat';
import { untranslatableFor, type Untranslatable } from './untranslatable';

type Json = Record<string, unknown>;

/** Responses fields that only a server keeping state (or running tools) can honour. */
const STATEFUL_FIELDS = ['previous_response_id', 'conversation', 'prompt'] as const;

/** Copied under the same name. */
const SAME_NAME_FIELDS = [
  'model',
  'temperature',
  'top_p',
  'parallel_tool_calls',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'service_tier',
] as const;

/** Responses fields translated (or deliberately left out) below; any other field passes through as it is. */
const RESPONSES_FIELDS: ReadonlySet<string> = new Set([
  ...STATEFUL_FIELDS,
  ...SAME_NAME_FIELDS,
  'input',
  'instructions',
  'store',
  'background',
  'include',
  'tools',
  'tool_choice',
  'text',
  'max_output_tokens',
  'max_tool_calls',
  'reasoning',
  'stream',
  'stream_options',
  'top_logprobs',
  'metadata',
  'truncation',
  'context_management',
  'moderation',
]);

/** `model`: the name the client asked for, used in the 400s. */
export function toChatRequest(body: Readonly<Json>, model: string): Json {
  const refuse = untranslatableFor(model);
  for (const field of STATEFUL_FIELDS) {
    if (isPresent(body[field])) {
      throw refuse(field);
    }
  }
  if (body.store === true) {
    throw refuse('store', 'store: true');
  }
  if (body.background === true) {
    throw refuse('background', 'background: true');
  }
  if (Array.isArray(body.include) && body.include.length > 0) {
    throw refuse('include');
  }
  const chat: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (!RESPONSES_FIELDS.has(key)) {
      chat[key] = value;
    }
  }
  for (const field of SAME_NAME_FIELDS) {
    if (body[field] !== undefined) {
      chat[field] = body[field];
    }
  }
  chat.messages = toChatMessages(body, refuse);
  if (Array.isArray(body.tools)) {
    chat.tools = body.tools.map((tool: unknown, index) => chatTool(tool, `tools[${index}]`, refuse));
  }
  if (isPresent(body.tool_choice)) {
    chat.tool_choice = chatToolChoice(body.tool_choice, refuse);
  }
  Object.assign(chat, textOptions(body.text));
  if (isPresent(body.max_output_tokens)) {
    chat.max_completion_tokens = body.max_output_tokens;
  }
  if (isPlainObject(body.reasoning) && isPresent(body.reasoning.effort)) {
    chat.reasoning_effort = body.reasoning.effort;
  }
  if (isPresent(body.top_logprobs)) {
    chat.logprobs = true;
    chat.top_logprobs = body.top_logprobs;
  }
  if (body.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return chat;
}

function chatTool(tool: unknown, at: string, refuse: Untranslatable): Json {
  if (!isPlainObject(tool)) {
    throw refuse(at, 'a tool that is not an object');
  }
  const { type, name, description } = tool;
  if (type === 'function') {
    return {
      type: 'function',
      function: withDefined({ name, description, parameters: tool.parameters, strict: tool.strict }),
    };
  }
  if (type === 'custom') {
    return { type: 'custom', custom: withDefined({ name, description, format: tool.format }) };
  }
  throw refuse(`${at}.type`, `the built-in tool "${String(type)}"`);
}

function chatToolChoice(choice: unknown, refuse: Untranslatable): unknown {
  if (typeof choice === 'string') {
    return choice;
  }
  if (!isPlainObject(choice)) {
    throw refuse('tool_choice', 'this tool_choice');
  }
  switch (choice.type) {
    case 'function':
      return { type: 'function', function: { name: choice.name } };
    case 'custom':
      return { type: 'custom', custom: { name: choice.name } };
    case 'allowed_tools': {
      const tools = Array.isArray(choice.tools) ? choice.tools : [];
      return {
        type: 'allowed_tools',
        allowed_tools: {
          mode: choice.mode,
          tools: tools.map((tool: unknown, index) => chatTool(tool, `tool_choice.tools[${index}]`, refuse)),
        },
      };
    }
    default:
      throw refuse('tool_choice.type', `tool_choice "${String(choice.type)}"`);
  }
}

/** `text.format` becomes `response_format`, `text.verbosity` stays `verbosity`. */
function textOptions(text: unknown): Json {
  if (!isPlainObject(text)) {
    return {};
  }
  const options: Json = {};
  const format = text.format;
  if (isPlainObject(format) && format.type === 'json_schema') {
    const { name, schema, strict, description } = format;
    options.response_format = { type: 'json_schema', json_schema: withDefined({ name, schema, strict, description }) };
  } else if (isPlainObject(format) && format.type === 'json_object') {
    options.response_format = { type: 'json_object' };
  }
  if (isPresent(text.verbosity)) {
    options.verbosity = text.verbosity;
  }
  return options;
}

function withDefined(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

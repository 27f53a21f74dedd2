import { isPlainObject } from '../../config/config.env';
import { isNestedDeeperThan } from '../../common/json-depth';
import { WardenError } from '../../common/warden.error';
import type { ParsedRequest } from '../endpoint.adapter';
import { splitWardenFields } from '../warden-fields';

type Json = Record<string, unknown>;

/** A `/v1/responses` request: what the pipeline reads, and the body as the upstream gets it (Warden's fields removed). */
export interface ResponsesRequest extends ParsedRequest {
  /** The client's body less Warden's fields; masks are written into it. */
  body: Json;
}

/** Far deeper than real Responses bodies (tool schemas included); shallow enough for every recursive walker after it. */
const MAX_JSON_DEPTH = 100;
const MAX_MODEL_LENGTH = 256;

/** Message content parts whose text guardrails read, by the field holding it. */
const TEXT_PART_FIELDS: Readonly<Record<string, string>> = {
  input_text: 'text',
  output_text: 'text',
  refusal: 'refusal',
};

export function parseResponsesRequest(body: unknown): ResponsesRequest {
  if (!isPlainObject(body)) {
    throw WardenError.invalidRequest('The request body must be a JSON object with model and input.');
  }
  if (isNestedDeeperThan(body, MAX_JSON_DEPTH)) {
    throw WardenError.invalidRequest(`Invalid request: the body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  const { model, stream, instructions, input } = body;
  if (typeof model !== 'string' || model === '') {
    throw invalid('model must be a non-empty string', 'model');
  }
  if (model.length > MAX_MODEL_LENGTH) {
    throw invalid(`model must be shorter than or equal to ${MAX_MODEL_LENGTH} characters`, 'model');
  }
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    throw invalid('stream must be a boolean', 'stream');
  }
  if (instructions !== undefined && instructions !== null && typeof instructions !== 'string') {
    throw invalid('instructions must be a string or null', 'instructions');
  }
  if (input !== undefined && input !== null && typeof input !== 'string') {
    if (!Array.isArray(input)) {
      throw invalid('input must be a string or a list of input items', 'input');
    }
    input.forEach((item, index) => checkItem(item, `input[${index}]`));
  }
  const { requestedGuardrails, upstreamBody } = splitWardenFields(body);
  return { model, stream: stream === true, requestedGuardrails, body: upstreamBody };
}

/**
 * Checks the fields of an item that guardrails read: a text there that is not a string would reach the model unread.
 * Item kinds Warden does not read (built-in tool calls, references) only need a `type`.
 */
function checkItem(item: unknown, at: string): void {
  if (!isPlainObject(item)) {
    throw invalid(`${at} must be an object`, at);
  }
  const type = item.type ?? 'message';
  if (typeof type !== 'string') {
    throw invalid(`${at}.type must be a string`, `${at}.type`);
  }
  switch (type) {
    case 'message':
      if (typeof item.role !== 'string' || item.role === '') {
        throw invalid(`${at}.role must be a non-empty string`, `${at}.role`);
      }
      checkContent(item.content, `${at}.content`);
      return;
    case 'function_call':
      requireString(item, 'call_id', at);
      requireString(item, 'name', at);
      requireString(item, 'arguments', at);
      return;
    case 'custom_tool_call':
      requireString(item, 'call_id', at);
      requireString(item, 'name', at);
      requireString(item, 'input', at);
      return;
    case 'function_call_output':
    case 'custom_tool_call_output':
      requireString(item, 'call_id', at);
      checkContent(item.output, `${at}.output`);
      return;
    case 'reasoning':
      checkTextList(item.summary, `${at}.summary`);
      checkTextList(item.content, `${at}.content`);
      return;
    default:
      return;
  }
}

/** A string, or a list of parts each with a `type`, whose text parts hold their text as a string. */
function checkContent(content: unknown, at: string): void {
  if (typeof content === 'string') {
    return;
  }
  if (!Array.isArray(content)) {
    throw invalid(`${at} must be a string or a list of content parts`, at);
  }
  content.forEach((part, index) => {
    const where = `${at}[${index}]`;
    if (!isPlainObject(part) || typeof part.type !== 'string') {
      throw invalid(`${where} must be an object with a "type"`, where);
    }
    const field = TEXT_PART_FIELDS[part.type];
    if (field !== undefined && typeof part[field] !== 'string') {
      throw invalid(`${where}.${field} must be a string`, `${where}.${field}`);
    }
  });
}

/** Reasoning `summary` and `content`: lists of `{type, text}`. */
function checkTextList(list: unknown, at: string): void {
  if (list === undefined || list === null) {
    return;
  }
  if (!Array.isArray(list)) {
    throw invalid(`${at} must be a list`, at);
  }
  list.forEach((entry, index) => {
    const where = `${at}[${index}]`;
    if (!isPlainObject(entry) || typeof entry.text !== 'string') {
      throw invalid(`${where}.text must be a string`, `${where}.text`);
    }
  });
}

function requireString(item: Json, field: string, at: string): void {
  if (typeof item[field] !== 'string') {
    throw invalid(`${at}.${field} must be a string`, `${at}.${field}`);
  }
}

function invalid(message: string, param: string): WardenError {
  return WardenError.invalidRequest(`Invalid request: ${message}`, param);
}

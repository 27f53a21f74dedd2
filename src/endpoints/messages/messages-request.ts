/**
 * Parses and validates an Anthropic Messages API body (`POST /v1/messages`): only what Warden reads is checked, every
 * other field passes through to the upstream untouched.
 */

import { isPlainObject } from '../../config/config.env';
import { isNestedDeeperThan } from '../../common/json-depth';
import { WardenError } from '../../common/warden.error';
import type { ParsedRequest, RequestHeaders } from '../endpoint.adapter';
import { splitWardenFields } from '../warden-fields';

type Json = Record<string, unknown>;

/** A content block as the client sent it: `type` is checked, the rest is read by the guard view and translation. */
export type ContentBlock = Json & { type: string };

export interface MessageParam {
  role: 'user' | 'assistant' | 'system';
  content: string | ContentBlock[];
}

export interface MessagesRequest extends ParsedRequest {
  /** The body without Warden's fields (`metadata.guardrails` removed: Anthropic allows only `metadata.user_id`). */
  body: Json;
  /** `anthropic-version` and `anthropic-beta`, passed on to a native Anthropic upstream. */
  headers: Readonly<Record<string, string>>;
}

const FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

/** Far deeper than real Messages bodies (tool schemas included); shallow enough for every recursive walker after it. */
const MAX_JSON_DEPTH = 100;

const ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'system']);

export function parseMessagesRequest(body: unknown, headers: RequestHeaders): MessagesRequest {
  if (!isPlainObject(body)) {
    throw WardenError.invalidRequest('The request body must be a JSON object with model, max_tokens and messages.');
  }
  if (isNestedDeeperThan(body, MAX_JSON_DEPTH)) {
    throw WardenError.invalidRequest(`Invalid request: the body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  if (typeof body.model !== 'string' || body.model === '') {
    throw WardenError.invalidRequest('model: Field required (a non-empty string)', 'model');
  }
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 0) {
    throw WardenError.invalidRequest('max_tokens: Field required (an integer >= 0)', 'max_tokens');
  }
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw WardenError.invalidRequest('stream: must be a boolean', 'stream');
  }
  checkSystem(body.system);
  checkMessages(body.messages);
  const { requestedGuardrails, upstreamBody } = splitWardenFields(body);
  return {
    model: body.model,
    stream: body.stream === true,
    requestedGuardrails,
    body: upstreamBody,
    headers: forwardedHeaders(headers),
  };
}

/** The conversation of a parsed body (validated by `parseMessagesRequest`). */
export function messagesOf(body: Readonly<Json>): MessageParam[] {
  return body.messages as MessageParam[];
}

function forwardedHeaders(headers: RequestHeaders): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (joined !== undefined && joined !== '') {
      forwarded[name] = joined;
    }
  }
  return forwarded;
}

function checkSystem(system: unknown): void {
  if (system === undefined || system === null || typeof system === 'string') {
    return;
  }
  if (!Array.isArray(system)) {
    throw WardenError.invalidRequest('system: must be a string or a list of text blocks', 'system');
  }
  system.forEach((block: unknown, index) => {
    if (!isPlainObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
      throw WardenError.invalidRequest(
        `system.${index}: must be a text block {"type":"text","text":...}`,
        `system.${index}`,
      );
    }
  });
}

function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages)) {
    throw WardenError.invalidRequest('messages: Field required (a list of {role, content})', 'messages');
  }
  messages.forEach((message: unknown, index) => {
    const at = `messages.${index}`;
    if (!isPlainObject(message)) {
      throw WardenError.invalidRequest(`${at}: must be an object with role and content`, at);
    }
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      throw WardenError.invalidRequest(`${at}.role: must be "user", "assistant" or "system"`, `${at}.role`);
    }
    const { content } = message;
    if (typeof content === 'string') {
      return;
    }
    if (!Array.isArray(content)) {
      throw WardenError.invalidRequest(`${at}.content: must be a string or a list of content blocks`, `${at}.content`);
    }
    content.forEach((block: unknown, position) => checkBlock(block, `${at}.content.${position}`));
  });
}

/** Checks the fields the guard view reads; a malformed block would otherwise slip by unread. */
function checkBlock(block: unknown, at: string): void {
  if (!isPlainObject(block) || typeof block.type !== 'string') {
    throw WardenError.invalidRequest(`${at}: must be a content block with a string type`, at);
  }
  switch (block.type) {
    case 'text':
      requireString(block, 'text', at);
      return;
    case 'thinking':
      requireString(block, 'thinking', at);
      return;
    case 'tool_use':
    case 'server_tool_use':
      requireString(block, 'id', at);
      requireString(block, 'name', at);
      if (!isPlainObject(block.input)) {
        throw WardenError.invalidRequest(`${at}.input: must be an object`, `${at}.input`);
      }
      return;
    case 'tool_result':
      requireString(block, 'tool_use_id', at);
      checkToolResultContent(block.content, `${at}.content`);
      return;
    case 'document':
      if (!isPlainObject(block.source)) {
        throw WardenError.invalidRequest(`${at}.source: must be an object`, `${at}.source`);
      }
      checkNestedBlocks(block.source.content, `${at}.source.content`);
      return;
    case 'search_result':
      checkNestedBlocks(block.content, `${at}.content`);
      return;
    default:
      return;
  }
}

function checkToolResultContent(content: unknown, at: string): void {
  if (content === undefined || content === null || typeof content === 'string') {
    return;
  }
  if (!Array.isArray(content)) {
    throw WardenError.invalidRequest(`${at}: must be a string or a list of content blocks`, at);
  }
  content.forEach((block: unknown, position) => checkBlock(block, `${at}.${position}`));
}

function checkNestedBlocks(content: unknown, at: string): void {
  if (Array.isArray(content)) {
    content.forEach((block: unknown, position) => checkBlock(block, `${at}.${position}`));
  }
}

function requireString(block: Json, field: string, at: string): void {
  if (typeof block[field] !== 'string') {
    throw WardenError.invalidRequest(`${at}.${field}: must be a string`, `${at}.${field}`);
  }
}

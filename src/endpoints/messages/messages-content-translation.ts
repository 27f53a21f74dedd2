/**
 * Messages API conversation -> chat completions messages (reference endpoints.md §6.2), for models Warden answers
 * through chat. What chat has no place for is a 400 naming the block and the model, never a silent drop; thinking
 * blocks are the exception (chat models cannot take them back; their text was already guarded).
 */

import { isPlainObject } from '../../config/config.env';
import { WardenError } from '../../common/warden.error';
import { messagesOf, type ContentBlock } from './messages-request';
import { chatToolName } from './tool-names';

type Json = Record<string, unknown>;

/** Names the model in every refusal, so the client knows why this request cannot go there. */
export interface TranslationTarget {
  model: string;
}

export function untranslatable(what: string, param: string, target: TranslationTarget): WardenError {
  return WardenError.invalidRequest(
    `${what} cannot be translated for model "${target.model}", which Warden answers through chat completions; ` +
      'send it to an anthropic/ model instead',
    param,
  );
}

export function chatMessages(body: Readonly<Json>, target: TranslationTarget): Json[] {
  const out: Json[] = [];
  const { system } = body;
  if (typeof system === 'string') {
    out.push({ role: 'system', content: system });
  } else if (Array.isArray(system)) {
    out.push({ role: 'system', content: joinedText(system as ContentBlock[]) });
  }
  messagesOf(body).forEach((message, index) => {
    const at = `messages.${index}.content`;
    const { content } = message;
    if (typeof content === 'string') {
      out.push({ role: message.role, content });
      return;
    }
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: systemText(content, at, target) });
        return;
      case 'user':
        out.push(...userMessages(content, at, target));
        return;
      case 'assistant':
        out.push(assistantMessage(content, at, target));
        return;
      default: {
        const unexpected: never = message.role;
        throw WardenError.invalidRequest(`unknown role ${String(unexpected)}`, `messages.${index}.role`);
      }
    }
  });
  return out;
}

function systemText(blocks: ContentBlock[], at: string, target: TranslationTarget): string {
  blocks.forEach((block, position) => {
    if (block.type !== 'text') {
      throw untranslatable(`a "${block.type}" block in a system message`, `${at}.${position}.type`, target);
    }
  });
  return joinedText(blocks);
}

/** Tool results first, as chat `tool` messages (chat wants them right after the assistant's calls), then the rest. */
function userMessages(blocks: ContentBlock[], at: string, target: TranslationTarget): Json[] {
  const tools: Json[] = [];
  const parts: Json[] = [];
  blocks.forEach((block, position) => {
    const param = `${at}.${position}`;
    if (block.type === 'tool_result') {
      tools.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultContent(block, param, target) });
    } else {
      parts.push(...userParts(block, param, target));
    }
  });
  return parts.length > 0 ? [...tools, { role: 'user', content: parts }] : tools;
}

function userParts(block: ContentBlock, param: string, target: TranslationTarget): Json[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'image':
      return [imagePart(block, param, target)];
    case 'document':
      return documentParts(block, param, target);
    case 'search_result':
      return searchResultParts(block);
    default:
      throw untranslatable(`a "${block.type}" block`, `${param}.type`, target);
  }
}

function toolResultContent(block: ContentBlock, param: string, target: TranslationTarget): string | Json[] {
  const { content } = block;
  if (content === undefined || content === null) {
    return '';
  }
  if (typeof content === 'string') {
    return content;
  }
  return (content as ContentBlock[]).flatMap((inner, position): Json[] => {
    const innerParam = `${param}.content.${position}`;
    switch (inner.type) {
      case 'text':
        return [{ type: 'text', text: inner.text }];
      case 'search_result':
        return searchResultParts(inner);
      case 'document':
        return documentParts(inner, innerParam, target).filter((part) => part.type === 'text');
      case 'image':
        throw untranslatable('an image inside a tool_result', `${innerParam}.type`, target);
      default:
        throw untranslatable(`a "${inner.type}" block inside a tool_result`, `${innerParam}.type`, target);
    }
  });
}

function assistantMessage(blocks: ContentBlock[], at: string, target: TranslationTarget): Json {
  const texts: Json[] = [];
  const toolCalls: Json[] = [];
  blocks.forEach((block, position) => {
    switch (block.type) {
      case 'text':
        texts.push({ type: 'text', text: block.text });
        return;
      case 'tool_use':
        toolCalls.push({
          id: block.id,
          type: 'function',
          function: { name: chatToolName(block.name as string), arguments: JSON.stringify(block.input) },
        });
        return;
      case 'thinking':
      case 'redacted_thinking':
        return;
      default:
        throw untranslatable(`a "${block.type}" block`, `${at}.${position}.type`, target);
    }
  });
  const content = texts.length === 0 ? null : texts.length === 1 ? texts[0].text : texts;
  const message: Json = { role: 'assistant', content: content ?? (toolCalls.length > 0 ? null : '') };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls;
  }
  return message;
}

function imagePart(block: ContentBlock, param: string, target: TranslationTarget): Json {
  const source = isPlainObject(block.source) ? block.source : {};
  if (source.type === 'base64' && typeof source.media_type === 'string' && typeof source.data === 'string') {
    return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  }
  if (source.type === 'url' && typeof source.url === 'string') {
    return { type: 'image_url', image_url: { url: source.url } };
  }
  throw untranslatable(`an image with a "${String(source.type)}" source`, `${param}.source.type`, target);
}

function documentParts(block: ContentBlock, param: string, target: TranslationTarget): Json[] {
  const source = isPlainObject(block.source) ? block.source : {};
  if (source.type === 'text' && typeof source.data === 'string') {
    return [{ type: 'text', text: source.data }];
  }
  if (source.type === 'content' && typeof source.content === 'string') {
    return [{ type: 'text', text: source.content }];
  }
  if (source.type === 'content' && Array.isArray(source.content)) {
    return (source.content as ContentBlock[]).flatMap((inner, position) =>
      userParts(inner, `${param}.source.content.${position}`, target),
    );
  }
  if (source.type === 'base64' && source.media_type === 'application/pdf' && typeof source.data === 'string') {
    const file: Json = { file_data: `data:application/pdf;base64,${source.data}` };
    if (typeof block.title === 'string') {
      file.filename = block.title;
    }
    return [{ type: 'file', file }];
  }
  throw untranslatable(`a document with a "${String(source.type)}" source`, `${param}.source.type`, target);
}

function searchResultParts(block: ContentBlock): Json[] {
  const content = Array.isArray(block.content) ? (block.content as ContentBlock[]) : [];
  const texts = [block.title, ...content.map((inner) => inner.text)].filter((text) => typeof text === 'string');
  return [{ type: 'text', text: texts.join('\n') }];
}

function joinedText(blocks: readonly ContentBlock[]): string {
  return blocks
    .map((block) => block.text)
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
}

import type { ModelDeployment } from '../../config/config.schema';
import type { UpstreamResponse } from '../../models/providers/llm-provider.interface';
import type { UpstreamRequest } from '../../models/upstream-request';
import type { EndpointAdapter } from '../endpoint.adapter';
import { chatStreamToMessages } from './chat-stream-to-messages';
import { completionToMessage } from './chat-to-messages';
import { messagesAnswerCodec } from './messages-answer.codec';
import { guardMessages, withMaskedMessages } from './messages-guard-view';
import { messagesOf, parseMessagesRequest, type MessagesRequest } from './messages-request';
import { messagesStreamFormat } from './messages-stream.format';
import { toChatRequest } from './messages-translation';
import { shortenedToolNames, type ToolNameMap } from './tool-names';

/**
 * `POST /v1/messages`, Anthropic's Messages API: native on anthropic/ deployments (the client's body and its
 * `anthropic-version` / `anthropic-beta`), translated through chat completions on openai/, azure/ and mock/.
 */
export const messagesAdapter: EndpointAdapter<MessagesRequest> = {
  endpoint: 'messages',
  parse: parseMessagesRequest,
  guardMessages,
  withMaskedMessages,
  upstreamRequest(request: MessagesRequest): UpstreamRequest {
    return {
      operation: 'messages',
      body: request.body,
      stream: request.stream,
      headers: request.headers,
      viaChat: {
        request: (deployment: ModelDeployment) =>
          toChatRequest(request.body, { model: deployment.modelName, upstreamModel: deployment.upstreamModel }),
        answer: (response: UpstreamResponse) => chatAnswerAsMessages(response, request.model, toolNamesOf(request)),
      },
    };
  },
  answerCodec: () => messagesAnswerCodec,
  streamFormat: messagesStreamFormat,
};

function chatAnswerAsMessages(response: UpstreamResponse, model: string, toolNames: ToolNameMap): UpstreamResponse {
  switch (response.kind) {
    case 'json':
      return { ...response, body: completionToMessage(response.body, model, toolNames) };
    case 'stream':
      return { ...response, events: chatStreamToMessages(response.events, model, toolNames) };
    default: {
      const unexpected: never = response;
      return unexpected;
    }
  }
}

/** The client's long tool names by the short names chat knew them as (tools and earlier tool_use blocks). */
function toolNamesOf(request: MessagesRequest): ToolNameMap {
  const names: string[] = [];
  const { tools } = request.body;
  if (Array.isArray(tools)) {
    for (const tool of tools as unknown[]) {
      const name = (tool as { name?: unknown } | null)?.name;
      if (typeof name === 'string') {
        names.push(name);
      }
    }
  }
  for (const message of messagesOf(request.body)) {
    if (Array.isArray(message.content)) {
      for (const block of message.content) {
        if (block.type === 'tool_use' && typeof block.name === 'string') {
          names.push(block.name);
        }
      }
    }
  }
  return shortenedToolNames(names);
}

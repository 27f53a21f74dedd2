import { chatAdapter } from './chat/chat.adapter';
import { completionsAdapter } from './completions/completions.adapter';
import { embeddingsAdapter } from './embeddings/embeddings.adapter';
import type { EndpointAdapter } from './endpoint.adapter';
import type { EndpointName } from './endpoint-name';
import { messagesAdapter } from './messages/messages.adapter';
import { responsesAdapter } from './responses/responses.adapter';

/** One adapter per API; a missing entry fails the build. */
export const ENDPOINT_ADAPTERS: Readonly<Record<EndpointName, EndpointAdapter>> = {
  chat: chatAdapter,
  completions: completionsAdapter,
  embeddings: embeddingsAdapter,
  messages: messagesAdapter,
  responses: responsesAdapter,
} satisfies Record<EndpointName, EndpointAdapter>;

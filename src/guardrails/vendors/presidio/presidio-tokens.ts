import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../guardrail.types';
import { textOf } from '../../message-text';

const MAX_REQUESTS = 10_000;
const TTL_MS = 10 * 60_000;

interface Entry {
  tokens: Map<string, string>;
  /** Fingerprints of the conversation as sent and as masked: post_call must present one of them. */
  conversations: Set<string>;
  expires: number;
}

/**
 * `output_parse_pii`: the originals behind the numbered tokens (`<EMAIL_ADDRESS_1>`) one request's prompt got, kept
 * in memory from its pre_call until its post_call (bounded, expiring). A request id alone is client-chosen
 * (`x-request-id`), so post_call gets the originals back only when it also presents the same conversation: one client
 * reusing another's request id cannot read that request's PII.
 */
export class PiiTokenVault {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(requestId: string, tokens: ReadonlyMap<string, string>, conversations: readonly ChatMessage[][]): void {
    this.evict();
    this.entries.delete(requestId);
    this.entries.set(requestId, {
      tokens: new Map(tokens),
      conversations: new Set(conversations.map(fingerprint)),
      expires: this.now() + TTL_MS,
    });
  }

  /** The token map for this request and conversation, removed once read. */
  take(requestId: string, messages: readonly ChatMessage[]): ReadonlyMap<string, string> | undefined {
    const entry = this.entries.get(requestId);
    if (!entry || entry.expires < this.now() || !entry.conversations.has(fingerprint(messages))) {
      return undefined;
    }
    this.entries.delete(requestId);
    return entry.tokens;
  }

  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.expires < now || this.entries.size >= MAX_REQUESTS) {
        this.entries.delete(id);
      } else {
        break;
      }
    }
  }
}

function fingerprint(messages: readonly ChatMessage[]): string {
  const hash = createHash('sha256');
  for (const message of messages) {
    hash.update(`${message.role}\u0000${textOf(message)}\u0001`);
  }
  return hash.digest('hex');
}

/** Every token in `text` replaced by its original; unknown tokens stay. */
export function restoreTokens(text: string, tokens: ReadonlyMap<string, string>): string {
  return text.replace(/<[A-Z][A-Z0-9_]*_\d+>/g, (token) => tokens.get(token) ?? token);
}

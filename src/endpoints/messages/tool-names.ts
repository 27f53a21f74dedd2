import { createHash } from 'node:crypto';

/** OpenAI refuses function names longer than this; Anthropic allows longer ones (MCP tools often are). */
export const MAX_CHAT_TOOL_NAME = 64;

/**
 * The name a tool goes by on chat completions: itself when short enough, else (as LiteLLM does) its first 55
 * characters, `_`, and 8 hex digits of its SHA-256, so two long names sharing a prefix stay apart.
 */
export function chatToolName(name: string): string {
  if (name.length <= MAX_CHAT_TOOL_NAME) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}_${hash}`;
}

/** Chat name -> the client's name, for the tools whose names were shortened. */
export type ToolNameMap = ReadonlyMap<string, string>;

export function shortenedToolNames(names: Iterable<string>): ToolNameMap {
  const map = new Map<string, string>();
  for (const name of names) {
    const short = chatToolName(name);
    if (short !== name) {
      map.set(short, name);
    }
  }
  return map;
}

export function clientToolName(chatName: string, names: ToolNameMap): string {
  return names.get(chatName) ?? chatName;
}

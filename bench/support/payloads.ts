import { ANTHROPIC_MODEL, MODEL } from './gateway';

/** A realistic ~2 KB user prompt with nothing for a detector to find (every guarded request passes). */
export const CLEAN_PROMPT = [
  'I am preparing the quarterly review for our customer support team and would like your help turning my notes into a',
  'short summary for the leadership meeting. Please keep the tone neutral, avoid jargon, and group the points under',
  'three headings: what went well, what did not, and what we will change next quarter.',
  '',
  'Notes from the last three months: ticket volume grew by about a fifth, mostly because of the new billing page.',
  'Most customers asked how to download invoices, how to change the card on file, and why the tax line looked',
  'different from the previous layout. The median first response time stayed under two hours during business days,',
  'but weekends were slower, and several customers mentioned it in the satisfaction survey. The knowledge base',
  'articles about invoices were viewed far more often than before, which suggests people look for answers on their',
  'own before writing to us. We hired two new agents in the second month; both finished onboarding and now handle',
  'the simpler billing questions. Escalations to engineering went down after the release that fixed the export bug,',
  'and the average handling time for escalated tickets dropped noticeably. On the other hand, we still have no clear',
  'owner for the refund process, so refunds sometimes wait several days for approval, and the macros for partial',
  'refunds are out of date. The chat widget was down for an afternoon during the migration, and we did not post a',
  'status update quickly enough. For next quarter we plan to add weekend coverage on a rotating schedule, rewrite',
  'the refund macros, assign a single owner for refund approvals, and publish a short guide that explains the new',
  'invoice layout with screenshots. We also want to review which survey questions are still useful, because the',
  'response rate keeps falling and the free-text answers are where the most useful feedback comes from.',
  '',
  'Please write the summary in plain paragraphs, no more than about two hundred and fifty words, and end with one',
  'sentence the team lead can read aloud to thank the agents for their work during a busy quarter.',
].join('\n');

/** The same prompt with things to find: an e-mail, a phone number, a test card, an AWS-style key, an IP address. */
export const PROMPT_WITH_FINDINGS = CLEAN_PROMPT.replace(
  'Notes from the last three months:',
  'Contact me at jane.doe@example.com or +1 415 555 0132 if anything is unclear; the test card 4111 1111 1111 1111 and the key AKIAQWERTYUIOPASDFGHJ from 10.20.30.40 must not appear. Notes from the last three months:',
);

const SYSTEM_PROMPT = 'You are a helpful assistant for a customer support team.';

export interface ChatBodyOptions {
  prompt?: string;
  stream?: boolean;
  /** Knobs for the mock upstream (bench/mocks/upstream.server.ts). */
  bench?: { latency_ms?: number; chunks?: number; chunk_interval_ms?: number };
}

/** An OpenAI chat request as an application would send it: a system prompt and one user message. */
export function chatBody(options: ChatBodyOptions = {}): string {
  return JSON.stringify({
    model: MODEL,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: options.prompt ?? CLEAN_PROMPT },
    ],
    temperature: 0.2,
    max_tokens: 400,
    ...(options.stream ? { stream: true } : {}),
    ...(options.bench ? { bench: options.bench } : {}),
  });
}

/** The same request for the Responses API, as the OpenAI SDK sends it: instructions and one user message item. */
export function responsesBody(options: ChatBodyOptions = {}): string {
  return JSON.stringify({
    model: MODEL,
    instructions: SYSTEM_PROMPT,
    input: [{ role: 'user', content: options.prompt ?? CLEAN_PROMPT }],
    temperature: 0.2,
    max_output_tokens: 400,
    ...(options.stream ? { stream: true } : {}),
    ...(options.bench ? { bench: options.bench } : {}),
  });
}

/** The same request for Anthropic's Messages API (to the `anthropic/` model): system, one user message, max_tokens. */
export function messagesBody(options: ChatBodyOptions = {}): string {
  return JSON.stringify({
    model: ANTHROPIC_MODEL,
    system: SYSTEM_PROMPT,
    messages: [{ role: 'user', content: options.prompt ?? CLEAN_PROMPT }],
    temperature: 0.2,
    max_tokens: 400,
    ...(options.stream ? { stream: true } : {}),
    ...(options.bench ? { bench: options.bench } : {}),
  });
}

/** The Anthropic SDK's version header; the gateway forwards it to a native `anthropic/` upstream. */
export const ANTHROPIC_HEADERS = { 'anthropic-version': '2023-06-01' };

/** A legacy completions request: the system prompt and the user text as one prompt. */
export function completionsBody(options: ChatBodyOptions = {}): string {
  return JSON.stringify({
    model: MODEL,
    prompt: `${SYSTEM_PROMPT}\n\n${options.prompt ?? CLEAN_PROMPT}`,
    temperature: 0.2,
    max_tokens: 400,
    ...(options.stream ? { stream: true } : {}),
    ...(options.bench ? { bench: options.bench } : {}),
  });
}

/** An embeddings request for the 2 KB text (one input, float vectors of the mock's default 1,536 dimensions). */
export function embeddingsBody(options: Pick<ChatBodyOptions, 'prompt'> = {}): string {
  return JSON.stringify({ model: MODEL, input: options.prompt ?? CLEAN_PROMPT, encoding_format: 'float' });
}

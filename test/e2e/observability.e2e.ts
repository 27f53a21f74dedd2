import { startGatewayProcess } from '../reliability/cli-process';
import { startGateway, type RunningGateway } from './gateway.harness';
import { eventually, withGuardrails } from './guardrails.harness';

/** Reads one sample from Prometheus text output (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const labelPart = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const present = labelPart.split(',');
    if (wanted.every((pair) => present.includes(pair))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return 0;
}

describe('metrics after real traffic', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
      guardrails: [
        {
          guardrail_name: 'words',
          litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', keywords: ['forbidden'] },
        },
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  }

  it('moves request, upstream, guardrail and violation counters by exactly the traffic sent', async () => {
    const before = await scrape();
    const client = gateway.client();
    for (let i = 0; i < 3; i += 1) {
      await client.chat.completions.create(
        withGuardrails({ model: 'demo', messages: [{ role: 'user' as const, content: 'fine' }] }, ['words']),
      );
    }
    for (let i = 0; i < 2; i += 1) {
      await expect(
        client.chat.completions.create(
          withGuardrails({ model: 'demo', messages: [{ role: 'user' as const, content: 'forbidden' }] }, ['words']),
        ),
      ).rejects.toMatchObject({ status: 400 });
    }
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>): number =>
      sample(after, name, labels) - sample(before, name, labels);

    const chat = { route: '/v1/chat/completions', model: 'demo' };
    expect(delta('warden_requests_total', { ...chat, status: '200' })).toBe(3);
    expect(delta('warden_requests_total', { ...chat, status: '400' })).toBe(2);
    expect(delta('warden_request_duration_seconds_count', { route: '/v1/chat/completions' })).toBe(5);
    expect(delta('warden_upstream_duration_seconds_count', { model: 'demo', provider: 'mock', outcome: 'ok' })).toBe(3);
    expect(delta('warden_guardrail_checks_total', { guardrail: 'words', mode: 'pre_call', result: 'pass' })).toBe(3);
    expect(delta('warden_guardrail_checks_total', { guardrail: 'words', mode: 'pre_call', result: 'flagged' })).toBe(2);
    expect(delta('warden_guardrail_duration_seconds_count', { guardrail: 'words', mode: 'pre_call' })).toBe(5);
    expect(delta('warden_violations_total', { action: 'blocked' })).toBe(2);
    expect(after).toMatch(/^warden_violation_queue_depth \d+$/m);
    expect(after).toContain('warden_process_resident_memory_bytes');
  });
});

describe('structured logs', () => {
  it('writes JSON lines carrying the request id, which the client also gets back', async () => {
    const gateway = await startGatewayProcess(
      {
        model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo' } }],
        guardrails: [
          {
            guardrail_name: 'words',
            litellm_params: {
              guardrail: 'banned_keywords',
              mode: 'pre_call',
              default_on: true,
              keywords: ['forbidden'],
            },
          },
        ],
      },
      ['--detailed_debug'],
    );
    try {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
        body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'forbidden' }] }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-request-id')).toBe('trace-42');
      await eventually(() => gateway.output().includes('"reqId":"trace-42","req"'));
      const lines = gateway
        .output()
        .split('\n')
        .filter((line) => line.includes('trace-42'))
        .map((line) => JSON.parse(line) as { reqId?: string; msg: string } & Record<string, unknown>);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.every((line) => line.reqId === 'trace-42')).toBe(true);
      // The guardrail's input and verdict are fields of the line, queryable as they are, not JSON inside msg.
      const run = lines.find((line) => line.msg === 'guardrail words (banned_keywords, pre_call) checked');
      expect(run).toMatchObject({
        level: 20,
        guardrail: 'words',
        provider: 'banned_keywords',
        mode: 'pre_call',
        input: [{ role: 'user', text: 'forbidden' }],
        verdict: {
          outcome: 'flagged',
          findings: [{ detector: 'banned_keywords', type: 'BANNED_KEYWORD', count: 1, rule_id: 'keyword:0' }],
          vendor_response: { flagged: true },
        },
      });
      expect(typeof run?.latency_ms).toBe('number');
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });
});

import { POSTGRES } from '../support/test-databases';
import { startGatewayProcess, type GatewayProcess } from './cli-process';

const MASTER_KEY = 'sk-two-processes-key';

describe('two gateway processes on one PostgreSQL', () => {
  it('apply a guardrail created, toggled and deleted through the other within 2 seconds', async () => {
    const database = await POSTGRES.create();
    const config = {
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
      general_settings: { master_key: MASTER_KEY, database_url: database.url },
    };
    const processes: GatewayProcess[] = [];
    try {
      processes.push(await startGatewayProcess(config));
      processes.push(await startGatewayProcess(config));
      const [first, second] = processes;
      const call = async (
        gateway: GatewayProcess,
        method: string,
        path: string,
        body?: unknown,
      ): Promise<{ status: number; json: unknown }> => {
        const response = await fetch(`${gateway.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: await response.json() };
      };
      let secondStatus = 0;
      const chatOnSecond = async (): Promise<void> => {
        secondStatus = (
          await call(second, 'POST', '/v1/chat/completions', {
            model: 'demo',
            messages: [{ role: 'user', content: 'the secret codeword' }],
          })
        ).status;
      };
      const pollSecond = async (expected: number): Promise<void> => {
        const deadline = Date.now() + 2000;
        await chatOnSecond();
        while (secondStatus !== expected && Date.now() < deadline) {
          await chatOnSecond();
        }
        expect(secondStatus).toBe(expected);
      };

      await pollSecond(200);
      const created = await call(first, 'POST', '/admin/guardrails', {
        guardrail_name: 'codeword',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['codeword'] },
      });
      expect(created.status).toBe(201);
      const id = (created.json as { id: string }).id;
      await pollSecond(400);
      expect((await call(first, 'POST', `/admin/guardrails/${id}/disable`)).status).toBe(200);
      await pollSecond(200);
      expect((await call(first, 'POST', `/admin/guardrails/${id}/enable`)).status).toBe(200);
      await pollSecond(400);
      expect((await call(first, 'DELETE', `/admin/guardrails/${id}`)).status).toBe(200);
      await pollSecond(200);
    } finally {
      for (const gateway of processes) {
        gateway.child.kill('SIGTERM');
        await gateway.exited;
      }
      await database.drop();
    }
  });
});

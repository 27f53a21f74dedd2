import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { ViolationEntity } from '../../src/violations/violation.entity';
import { startGatewayProcess } from './cli-process';

describe('SIGTERM during load', () => {
  it('drains in-flight requests, flushes the violation queue, loses no row and exits 0', async () => {
    const database = `sqlite:${join(mkdtempSync(join(tmpdir(), 'warden-sigterm-')), 'warden.sqlite')}`;
    const gateway = await startGatewayProcess({
      model_list: [{ model_name: 'demo', litellm_params: { model: 'mock/demo', mock_response: 'ok' } }],
      guardrails: [
        {
          guardrail_name: 'watch',
          litellm_params: {
            guardrail: 'banned_keywords',
            mode: 'pre_call',
            on_flagged: 'monitor',
            default_on: true,
            keywords: ['flagme'],
          },
        },
      ],
      general_settings: { database_url: database },
    });

    let answered = 0;
    let refused = 0;
    let sent = 0;
    let signalled = false;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (answered >= 400 && !signalled) {
          signalled = true;
          gateway.child.kill('SIGTERM');
        }
        sent += 1;
        try {
          const response = await fetch(`${gateway.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close' },
            body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'please flagme' }] }),
          });
          await response.arrayBuffer();
          if (response.status === 200) {
            answered += 1;
          } else {
            // 503 while closing: not served, so not recorded
            refused += 1;
          }
        } catch {
          refused += 1;
          if (signalled) {
            return;
          }
        }
        if (sent > 20_000) {
          throw new Error('the gateway never stopped');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).not.toMatch(/not written|dropped/);

    const dataSource = new DataSource({ ...dataSourceOptions(database), migrationsRun: false });
    await dataSource.initialize();
    try {
      expect(await dataSource.getRepository(ViolationEntity).count()).toBe(answered);
    } finally {
      await dataSource.destroy();
    }
    expect(answered).toBeGreaterThanOrEqual(400);
    expect(refused).toBeGreaterThan(0);
  });
});

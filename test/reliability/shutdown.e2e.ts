import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countViolationRows, monitoredKeywordConfig } from '../support/violation-log';
import { startGatewayProcess } from './cli-process';

describe('SIGTERM during load', () => {
  it('drains in-flight requests, flushes the violation queue, loses no row and exits 0', async () => {
    const database = `sqlite:${join(mkdtempSync(join(tmpdir(), 'warden-sigterm-')), 'warden.sqlite')}`;
    const gateway = await startGatewayProcess(monitoredKeywordConfig(database));

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

    expect(await countViolationRows(database)).toBe(answered);
    expect(answered).toBeGreaterThanOrEqual(400);
    expect(refused).toBeGreaterThan(0);
  });
});

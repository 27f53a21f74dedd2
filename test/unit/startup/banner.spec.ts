import { browsableOrigin, renderBanner } from '../../../src/startup/banner';

describe(renderBanner.name, () => {
  const banner = renderBanner({
    host: '0.0.0.0',
    port: 4000,
    configFile: '/srv/warden/config.yaml',
    models: [
      { name: 'gpt-4o', provider: 'openai' },
      { name: 'gpt-4o', provider: 'azure' },
      { name: 'demo', provider: 'mock' },
    ],
    guardrails: [
      { name: 'pii', kind: 'pii', modes: ['pre_call', 'post_call'], enabled: true },
      { name: 'lakera-guard', kind: 'lakera_v2', modes: ['during_call'], enabled: false },
    ],
  });

  it('says where Warden listens first, then the config file', () => {
    const lines = banner.split('\n');
    expect(lines[0]).toBe('Warden listening on http://0.0.0.0:4000');
    expect(lines[1]).toMatch(/^ {2}config +\/srv\/warden\/config\.yaml$/);
  });

  it('lists each public model once with its providers, and every guardrail with its provider and modes', () => {
    expect(banner).toMatch(/models \(2\) +gpt-4o \(openai, azure\), demo \(mock\)/);
    expect(banner).toMatch(
      /guardrails \(2\) +pii \(pii, pre_call\+post_call\), lakera-guard \(lakera_v2, during_call, disabled\)/,
    );
  });

  it('gives the URLs of the admin UI, the API docs and the metrics, reachable from a browser', () => {
    expect(banner).toMatch(/admin UI +http:\/\/localhost:4000\/ui$/m);
    expect(banner).toMatch(/API docs +http:\/\/localhost:4000\/docs$/m);
    expect(banner).toMatch(/metrics +http:\/\/localhost:4000\/metrics$/m);
  });

  it('stays short', () => {
    expect(banner.split('\n')).toHaveLength(7);
  });

  it('keeps a specific host in the URLs and brackets IPv6 addresses', () => {
    expect(browsableOrigin('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(browsableOrigin('::', 8080)).toBe('http://localhost:8080');
    expect(browsableOrigin('::1', 8080)).toBe('http://[::1]:8080');
  });
});

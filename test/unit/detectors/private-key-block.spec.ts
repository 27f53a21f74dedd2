import { privateKeyBlockEnd } from '../../../src/guardrails/vendors/detectors/private-key-block';

describe(privateKeyBlockEnd.name, () => {
  const header = '-----BEGIN RSA PRIVATE KEY-----';

  it('ends after the END line when there is one', () => {
    const block = `${header}\nAAAA\nBBBB\n-----END RSA PRIVATE KEY-----`;
    expect(privateKeyBlockEnd(`${block} trailing`, header.length)).toBe(block.length);
  });

  it('ends after the last body character when the END line is missing', () => {
    const text = `${header}\nAAAA\nBBBB\n\nWhy?`;
    expect(text.slice(0, privateKeyBlockEnd(text, header.length))).toBe(`${header}\nAAAA\nBBBB`);
  });
});

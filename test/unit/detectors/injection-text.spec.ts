import { normalizeForInjection } from '../../../src/guardrails/vendors/detectors/injection-text';

describe(normalizeForInjection.name, () => {
  it('removes zero-width characters used to split trigger words', () => {
    expect(normalizeForInjection('ig\u200Bnore prev\u200Dious')).toBe('ignore previous');
  });

  it('straightens quotes, drops markdown emphasis and escapes, collapses whitespace', () => {
    expect(normalizeForInjection('\u201CYou\u2019re\u201D **now**\n\n\\[DAN\\]')).toBe('"You\'re" now [DAN]');
  });

  it('folds full-width letters to ASCII', () => {
    expect(normalizeForInjection('ｉｇｎｏｒｅ')).toBe('ignore');
  });
});

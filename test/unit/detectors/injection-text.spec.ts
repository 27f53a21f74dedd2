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

  // The normalizer skips steps that cannot change the text; the result must stay that of every step in turn.
  it.each([
    'plain ascii, nothing to do',
    'tabs\tand\r\nnewlines  and  double spaces \n',
    ' leading and trailing ',
    '\u00a0no-break\u3000ideographic\u2028line separators',
    'zero\u200bwidth \ufeff and soft\u00adhyphen',
    '\u2018curly\u2019 \u201cquotes\u201d \u2032prime\u2033',
    '\\*escaped\\* \\_under\\_ \\\\ back \\[link\\](url)',
    '***bold italic*** __under__ ___three___ _single_ ____four____',
    '\uff0a\uff0afull-width stars\uff0a\uff0a and \uff3c\uff3b',
    'e\u0301 composed, \ufb01 ligature, \u2126 ohm',
  ])('gives the same text as every step in turn: %j', (text) => {
    const everyStep = text
      .normalize('NFKC')
      .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g, '')
      .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
      .replace(/\\([[\]()*_#>`\\-])/g, '$1')
      .replace(/\*{1,3}|_{2,3}/g, '')
      .replace(/\s+/g, ' ');
    expect(normalizeForInjection(text)).toBe(everyStep);
  });
});

import {
  compileBannedKeywords,
  keywordPatternSource,
} from '../../../src/guardrails/vendors/detectors/banned-keywords.detector';

const found = (config: Parameters<typeof compileBannedKeywords>[0], text: string): string[] =>
  compileBannedKeywords(config)
    .detect(text)
    .map((span) => `${span.ruleId}:${text.slice(span.start, span.end)}`);

describe(compileBannedKeywords.name, () => {
  it('matches whole words, case-insensitively', () => {
    expect(found({ keywords: ['falcon'] }, 'Project FALCON, falconry and falcon.')).toEqual([
      'keyword:0:FALCON',
      'keyword:0:falcon',
    ]);
  });

  it('matches phrases across any whitespace', () => {
    expect(found({ keywords: ['project falcon'] }, 'the project\n falcon plan')).toEqual([
      'keyword:0:project\n falcon',
    ]);
  });

  it('treats regex characters in keywords literally', () => {
    expect(found({ keywords: ['c++', 'a.b'] }, 'c++ and axb and a.b')).toEqual(['keyword:0:c++', 'keyword:1:a.b']);
  });

  it('matches keywords in scripts written without spaces', () => {
    expect(found({ keywords: ['机密'] }, '这是机密文件')).toEqual(['keyword:0:机密']);
  });

  it('matches configured patterns, case-insensitively', () => {
    expect(found({ patterns: ['ticket-\\d{4}'] }, 'see TICKET-1234 and ticket-99')).toEqual(['pattern:0:TICKET-1234']);
  });

  it('ignores blank keywords and empty matches', () => {
    expect(found({ keywords: ['  '], patterns: ['x*'] }, 'abc')).toEqual([]);
  });
});

describe(keywordPatternSource.name, () => {
  it('adds boundaries only next to word characters', () => {
    expect(keywordPatternSource('#tag')).toBe('#tag(?![\\p{L}\\p{N}_])');
    expect(keywordPatternSource('tag!')).toBe('(?<![\\p{L}\\p{N}_])tag!');
  });
});

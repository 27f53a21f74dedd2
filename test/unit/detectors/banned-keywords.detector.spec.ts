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

  it('sees through invisible characters and fullwidth forms, reporting the span the reader sees', () => {
    const config = { keywords: ['project falcon'] };
    expect(found(config, 'the Project Fal\u200bcon plan')).toEqual(['keyword:0:Project Fal\u200bcon']);
    expect(found(config, 'the Project Fal\u00adcon plan')).toEqual(['keyword:0:Project Fal\u00adcon']);
    expect(found(config, '\uff30\uff52\uff4f\uff4a\uff45\uff43\uff54 \uff26\uff41\uff4c\uff43\uff4f\uff4e!')).toEqual([
      'keyword:0:\uff30\uff52\uff4f\uff4a\uff45\uff43\uff54 \uff26\uff41\uff4c\uff43\uff4f\uff4e',
    ]);
    expect(found({ keywords: ['ﬁnance'] }, 'Finance and ﬁnance')).toEqual(['keyword:0:Finance', 'keyword:0:ﬁnance']);
    expect(found({ patterns: ['fal+con'] }, 'fa\u200dllcon')).toEqual(['pattern:0:fa\u200dllcon']);
  });

  it('keeps offsets right around emoji and leaves clean non-ASCII text as it is', () => {
    expect(found({ keywords: ['falcon'] }, '🦅 Fal\u200bcon 🦅 falcon')).toEqual([
      'keyword:0:Fal\u200bcon',
      'keyword:0:falcon',
    ]);
    expect(found({ keywords: ['café'] }, 'un café noir')).toEqual(['keyword:0:café']);
  });
});

import type { Section } from './sections';
import { renderTable } from './table';

export function renderText(sections: Section[]): string {
  return sections
    .map((section) =>
      [`== ${section.title} ==`, ...section.lines, ...(section.table ? [renderTable(section.table, 'text')] : [])].join(
        '\n',
      ),
    )
    .join('\n\n');
}

export function renderMarkdown(sections: Section[], level = '###'): string {
  return sections
    .map((section) =>
      [
        `${level} ${section.title}`,
        ...(section.lines.length > 0 ? ['', section.lines.join('\n')] : []),
        ...(section.table ? ['', renderTable(section.table, 'markdown')] : []),
      ].join('\n'),
    )
    .join('\n\n');
}

export interface Table {
  headers: string[];
  rows: string[][];
}

/** A padded table: `text` for the terminal, `markdown` for BENCHMARKS.md (readable raw, valid GFM). */
export function renderTable(table: Table, style: 'text' | 'markdown'): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string => {
    const padded = widths.map((width, column) => (cells[column] ?? '').padEnd(width));
    return style === 'markdown' ? `| ${padded.join(' | ')} |` : padded.join('  ').trimEnd();
  };
  const rule =
    style === 'markdown'
      ? `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
      : widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
}

export function ms(value: number, digits = 3): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function mb(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} MB` : 'n/a';
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

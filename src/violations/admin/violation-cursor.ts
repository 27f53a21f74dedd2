import { WardenError } from '../../common/warden.error';
import type { SortOrder, ViolationSortField } from './violation.dto';
import { parseQueryTime } from './query-time';

/** Where a page ended: the sort key and id of its last row, so the next page starts right after it (keyset paging). */
export interface ViolationCursor {
  sort: ViolationSortField;
  order: SortOrder;
  /** ISO time for occurred_at, a number for latency_ms. */
  value: string | number;
  id: string;
}

/** Opaque to clients: base64url of a small JSON object. */
export function encodeCursor(cursor: ViolationCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString('base64url');
}

/** Decodes a cursor made for this sort and order; anything else is a 400 on `cursor`. */
export function decodeCursor(text: string, sort: ViolationSortField, order: SortOrder): ViolationCursor {
  const invalid = (why: string): WardenError =>
    WardenError.invalidRequest(`Invalid cursor: ${why}; pass next_cursor from the previous page as is`, 'cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) {
    throw invalid('not a cursor');
  }
  const [cursorSort, cursorOrder, value, id] = parsed as unknown[];
  if (cursorSort !== sort || cursorOrder !== order) {
    throw invalid(`it was made for sort=${String(cursorSort)}&order=${String(cursorOrder)}; keep them while paging`);
  }
  const validValue =
    sort === 'occurred_at'
      ? typeof value === 'string' && parseQueryTime(value) !== undefined
      : typeof value === 'number' && Number.isFinite(value);
  if (!validValue || typeof id !== 'string' || id.length > 36) {
    throw invalid('not a cursor');
  }
  return { sort, order, value: value as string | number, id };
}

import { ValidateBy, type ValidationOptions } from 'class-validator';
import { WardenError } from '../../common/warden.error';

/**
 * RFC 3339 as the admin API reads times: a date, or a date and time with optional seconds, fraction and offset
 * (`Z`, `+05:30`, `+0530`). ISO 8601's other forms (basic `20261101T1300Z`, week dates, hour-only offsets) are
 * refused: JavaScript cannot read them, and a misread bound would silently select or delete the wrong rows.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant a query time names, or undefined when it is not one (February 30th included). A time without an offset
 * is UTC. Fractions finer than a millisecond are rounded up, so `from` (inclusive) and `to`/`before` (exclusive) keep
 * a row stored at the whole millisecond on the right side of the bound.
 */
export function parseQueryTime(value: string): Date | undefined {
  const match = RFC_3339.exec(value);
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day)) || +hour > 23 || +minute > 59 || +second > 59) {
    return undefined;
  }
  // Without an offset a time is UTC, like a date alone: every replica reads the same bound whatever its time zone.
  const milliseconds = fraction.slice(0, 3).padEnd(3, '0');
  const instant = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}${normalizedOffset(offset)}`,
  );
  if (!Number.isFinite(instant)) {
    return undefined;
  }
  return new Date(/[1-9]/.test(fraction.slice(3)) ? instant + 1 : instant);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `Z`, `+05:30` or `+0530` as Date.parse reads it; none means UTC. */
function normalizedOffset(offset: string | undefined): string {
  if (offset === undefined || offset.toUpperCase() === 'Z') {
    return 'Z';
  }
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** class-validator: an RFC 3339 time the API can read (see `parseQueryTime`). */
export function IsQueryTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQueryTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseQueryTime(value) !== undefined,
        defaultMessage: () => 'must be an RFC 3339 time, e.g. 2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00',
      },
    },
    options,
  );
}

/** A query time the DTO already validated. */
export function queryTime(value: string, param: string): Date {
  const time = parseQueryTime(value);
  if (time === undefined) {
    throw WardenError.invalidRequest(`${param} must be an RFC 3339 time`, param);
  }
  return time;
}

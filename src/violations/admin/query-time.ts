import { ValidateBy, type ValidationOptions } from 'class-validator';
import { WardenError } from '../../common/warden.error';

/**
 * RFC 3339 as the admin API reads times: a date, or a date and time with optional seconds, fraction and offset
 * (`Z`, `+05:30`, `+0530`). ISO 8601's other forms (basic `20261101T1300Z`, week dates, hour-only offsets) are
 * refused: JavaScript cannot read them, and a misread bound would silently select or delete the wrong rows.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant a query time names, or undefined when it is not one. Fractions finer than a millisecond are rounded
 * up, so `from` (inclusive) and `to`/`before` (exclusive) keep a row stored at the whole millisecond on the right
 * side of the bound.
 */
export function parseQueryTime(value: string): Date | undefined {
  const match = RFC_3339.exec(value);
  if (!match) {
    return undefined;
  }
  const fraction = match[7] ?? '';
  const milliseconds = Date.parse(
    value.replace(/\.\d+/, fraction === '' ? '' : `.${fraction.slice(0, 3).padEnd(3, '0')}`),
  );
  if (!Number.isFinite(milliseconds)) {
    return undefined;
  }
  return new Date(/[1-9]/.test(fraction.slice(3)) ? milliseconds + 1 : milliseconds);
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

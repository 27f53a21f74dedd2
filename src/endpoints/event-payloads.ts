import { isPlainObject } from '../config/config.env';

/**
 * A held stream's event payloads, each parsed once: a JSON object, or undefined for a payload that is not one (kept
 * as it is by whoever rewrites the stream). Every API's answer codec reads its stream through this.
 */
export function parseEventPayloads(events: readonly string[]): Array<Record<string, unknown> | undefined> {
  return events.map((data) => {
    try {
      const parsed = JSON.parse(data) as unknown;
      return isPlainObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  });
}

import { Injectable, type PipeTransform } from '@nestjs/common';
import { isNestedDeeperThan } from '../common/json-depth';
import { WardenError } from '../common/warden.error';

/** Far deeper than any guardrail entry or test conversation; shallow enough for every recursive walker after it. */
export const MAX_ADMIN_JSON_DEPTH = 32;

/**
 * Rejects admin input nested deeper than MAX_ADMIN_JSON_DEPTH with a 400, before class-transformer, the validators
 * or the secret masking recurse into it (thousands of levels would overflow their stacks: a 500). Walks iteratively.
 */
@Injectable()
export class JsonDepthPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown): unknown {
    if (isNestedDeeperThan(value, MAX_ADMIN_JSON_DEPTH)) {
      throw WardenError.invalidRequest(`Invalid request: nested deeper than ${MAX_ADMIN_JSON_DEPTH} levels.`);
    }
    return value;
  }
}

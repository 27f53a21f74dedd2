import { isHttpUrl } from '../../common/http-url';
import type { GuardrailDefinition } from '../guardrail.types';

type Params = Readonly<Record<string, unknown>>;
export type ParamProblem = [string, string];

export const MASK_PII_DURING_CALL = 'mask_pii cannot apply during_call: the request is already upstream; use pre_call';

/**
 * True when a guardrail that would mask blocks during_call: there a mask could no longer reach the upstream and the
 * flag would only be recorded, so such a config is refused instead of silently enforcing nothing.
 */
export function masksDuringCall(definition: Pick<GuardrailDefinition, 'modes' | 'onFlagged'>): boolean {
  return definition.modes.includes('during_call') && definition.onFlagged === 'block';
}

/**
 * Collects `[key, message]` problems in a vendor's params. Only the keys a vendor reads are checked;
 * unknown extra keys are allowed (LiteLLM configs carry many).
 */
export class ParamChecker {
  readonly problems: ParamProblem[] = [];

  constructor(private readonly params: Params) {}

  string(key: string, options: { required?: boolean; url?: boolean } = {}): this {
    const value = this.params[key];
    if (value === undefined || value === null) {
      if (options.required) {
        this.problems.push([key, `${key} is required`]);
      }
      return this;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problems.push([key, `${key} must be a non-empty string`]);
      return this;
    }
    if (options.url && !isHttpUrl(value)) {
      this.problems.push([key, `${key} must be an http(s) URL`]);
    }
    return this;
  }

  boolean(key: string): this {
    const value = this.params[key];
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      this.problems.push([key, `${key} must be true or false`]);
    }
    return this;
  }

  record(key: string): this {
    const value = this.params[key];
    if (value !== undefined && value !== null && !isRecord(value)) {
      this.problems.push([key, `${key} must be a mapping`]);
    }
    return this;
  }

  add(key: string, message: string): this {
    this.problems.push([key, message]);
    return this;
  }
}

/** The mask_pii rule shared by every vendor that can mask: masking needs the request to still be ahead of us. */
export function checkMaskPiiMode(
  params: Params,
  definition: Pick<GuardrailDefinition, 'modes'>,
  checker: ParamChecker,
): void {
  if (params.mask_pii === true && definition.modes.includes('during_call')) {
    checker.add('mask_pii', MASK_PII_DURING_CALL);
  }
}

export function stringParam(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function booleanParam(params: Params, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function recordParam(params: Params, key: string): Record<string, unknown> | undefined {
  const value = params[key];
  return isRecord(value) ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

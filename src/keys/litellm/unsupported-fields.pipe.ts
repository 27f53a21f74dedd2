import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isPlainObject } from '../../config/config.env';
import { WardenError } from '../../common/warden.error';

/**
 * LiteLLM key fields Warden does not implement (budgets, rate limits, routes, ownership, rotation, ...). A client
 * that sends one gets a 400 naming each, instead of a key that silently lacks what was asked. `null`, `{}` and `[]`
 * (what UIs and Terraform send by default) mean "not set" and pass.
 */
export const UNSUPPORTED_KEY_FIELDS: readonly string[] = [
  'max_budget',
  'soft_budget',
  'budget_duration',
  'budget_id',
  'spend',
  'tpm_limit',
  'rpm_limit',
  'tpd_limit',
  'max_parallel_requests',
  'model_max_budget',
  'model_rpm_limit',
  'model_tpm_limit',
  'temp_budget_increase',
  'temp_budget_expiry',
  'aliases',
  'config',
  'tags',
  'policies',
  'prompts',
  'enforced_params',
  'allowed_routes',
  'allowed_cache_controls',
  'key_type',
  'user_id',
  'organization_id',
  'project_id',
  'agent_id',
  'auto_rotate',
  'rotation_interval',
  'object_permission',
  'send_invite_email',
  'router_settings',
  'access_group_ids',
];

@Injectable()
export class UnsupportedKeyFieldsPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !isPlainObject(value)) {
      return value;
    }
    const sent = UNSUPPORTED_KEY_FIELDS.filter((field) => isSet(value[field]));
    if (sent.length > 0) {
      throw WardenError.invalidRequest(
        `Not supported by Warden's virtual keys: ${sent.join(', ')}. Warden keys carry key_alias, models, guardrails, ` +
          'allow_request_guardrails, team_id, metadata, duration and blocked; budgets, rate limits, route limits, ' +
          'ownership and rotation are not implemented. Leave these fields out (or null).',
        sent[0],
      );
    }
    const stripped = { ...value };
    for (const field of UNSUPPORTED_KEY_FIELDS) {
      delete stripped[field];
    }
    return stripped;
  }
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return !(isPlainObject(value) && Object.keys(value).length === 0);
}

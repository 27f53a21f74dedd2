import { ApiProperty, ApiPropertyOptional, PartialType, type ApiPropertyOptions } from '@nestjs/swagger';
import { Allow, IsBoolean, IsObject, IsOptional } from 'class-validator';
import type { GuardrailSource } from '../guardrails/guardrail.entity';
import { GUARDRAIL_KINDS, GUARDRAIL_MODES, ON_ERROR_POLICIES, ON_FLAGGED_ACTIONS } from '../guardrails/guardrail.types';

/**
 * `litellm_params` as in config.yaml. Only its type is checked here; its content goes through config.yaml's own
 * parser (provider-specific params included), so the API and the file accept exactly the same entries.
 */
const LITELLM_PARAMS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  description:
    'The guardrail as in config.yaml: the engine keys below plus provider params, flat (api_key, api_base, keywords, ' +
    'patterns, entities, mask_pii, ...). Secrets (api_key, *_key, *secret*, *token, password) are write-only and ' +
    'shown masked (sk-...abcd).',
  properties: {
    guardrail: { type: 'string', enum: [...GUARDRAIL_KINDS] },
    mode: {
      description: 'One mode, or a list of them',
      oneOf: [
        { type: 'string', enum: [...GUARDRAIL_MODES] },
        { type: 'array', items: { type: 'string', enum: [...GUARDRAIL_MODES] } },
      ],
    },
    on_flagged: { type: 'string', enum: [...ON_FLAGGED_ACTIONS], default: 'block' },
    on_error: { type: 'string', enum: [...ON_ERROR_POLICIES], default: 'block' },
    default_on: { type: 'boolean', default: false },
    timeout_ms: { type: 'integer', default: 5000 },
    cache_ttl_seconds: {
      type: 'integer',
      minimum: 0,
      maximum: 86400,
      description: 'Vendor guardrails only: reuse a definitive verdict for an identical check this long (0: off)',
    },
  },
  required: ['guardrail', 'mode'],
  additionalProperties: true,
  example: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['project falcon'] },
};

/**
 * A config.yaml `guardrails:` entry, pasted as is; `enabled` is optional (default true). `guardrail_name` and
 * `litellm_params` are checked by config.yaml's parser with the rest of the entry (`@Allow` only lets them through
 * the whitelist), so a form left half empty hears every problem in one answer: "guardrail_name: is required" and
 * "litellm_params.api_key: api_key is required" together, not one per submit.
 */
export class CreateGuardrailDto {
  @ApiProperty({ example: 'no-project-names', description: 'Unique; letters, digits and . _ : - (at most 128)' })
  @Allow()
  guardrail_name!: string;

  @ApiProperty(LITELLM_PARAMS_SCHEMA)
  @Allow()
  litellm_params!: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "LiteLLM's guardrail_info: accepted so config entries paste as is, not stored",
  })
  @IsOptional()
  @IsObject()
  guardrail_info?: Record<string, unknown>;
}

/**
 * Every field optional. `litellm_params` keys are merged into the stored ones (`null` removes a key); a masked
 * secret sent back unchanged keeps the stored secret.
 */
export class UpdateGuardrailDto extends PartialType(CreateGuardrailDto) {}

export class GuardrailResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty({ ...LITELLM_PARAMS_SCHEMA, description: 'As written, with every default filled in; secrets masked' })
  litellm_params!: Record<string, unknown>;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    enum: ['config', 'api'],
    description: 'config: from config.yaml (enable/disable only; edit the file for the rest); api: created here',
  })
  source!: GuardrailSource;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class GuardrailInfoDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ enum: ['config', 'api'] })
  source!: GuardrailSource;
}

/** One item of LiteLLM's `GET /guardrails/list`. */
export class GuardrailListItemDto {
  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty({ ...LITELLM_PARAMS_SCHEMA, description: 'Secrets masked' })
  litellm_params!: Record<string, unknown>;

  @ApiProperty({ type: GuardrailInfoDto })
  guardrail_info!: GuardrailInfoDto;
}

/** LiteLLM's `GET /guardrails/list` shape. */
export class GuardrailListDto {
  @ApiProperty({ type: [GuardrailListItemDto] })
  guardrails!: GuardrailListItemDto[];
}

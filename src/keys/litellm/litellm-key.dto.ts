import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { KEY_ALIAS_PATTERN } from '../admin/key.dto';

/** The LiteLLM key fields Warden acts on (reference litellm-keys.md §2.1), shared by generate, update, regenerate. */
export class LiteLlmKeyFieldsDto {
  @ApiPropertyOptional({ example: 'payments-bot', description: 'Unique; generated (key-xxxxxxxx) when absent' })
  @IsOptional()
  @IsString()
  @Matches(KEY_ALIAS_PATTERN, { message: 'must be 1 to 128 letters, digits or . _ : @ / -' })
  key_alias?: string;

  @ApiPropertyOptional({ nullable: true, example: '30d', description: '30s, 30m, 30h, 30d, 4w; null or -1: never' })
  @IsOptional()
  @ValidateIf((_, value) => typeof value !== 'number')
  @IsString()
  @Matches(/^(-1|\d{1,6}[smhdw])$/, { message: 'must be a duration such as 30s, 30m, 30h, 30d, 4w, or -1' })
  duration?: string | number | null;

  @ApiPropertyOptional({ type: [String], description: 'model_list names; [] or absent: every model' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  models?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Guardrails that run on every request with the key (free)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  guardrails?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'metadata.guardrails is read too' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A team label (no team entity in Warden)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  team_id?: string | null;

  @ApiPropertyOptional({ description: 'true: requests with the key get 401' })
  @IsOptional()
  @IsBoolean()
  blocked?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Warden: whether requests may name further guardrails' })
  @IsOptional()
  @IsBoolean()
  allow_request_guardrails?: boolean;

  @ApiPropertyOptional({ description: 'Only false: a Warden key never opts out of default_on guardrails' })
  @IsOptional()
  @IsBoolean()
  disable_global_guardrails?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Only {}: nothing switches a guardrail off',
  })
  @IsOptional()
  @IsObject()
  permissions?: Record<string, unknown>;
}

export class GenerateKeyRequestDto extends LiteLlmKeyFieldsDto {
  @ApiPropertyOptional({ description: 'Choose the secret (sk-..., at least 20 characters); default: random' })
  @IsOptional()
  @IsString()
  key?: string;
}

/** `key` (secret or hash) names the key, else `key_alias` does; with `key`, `key_alias` renames it. */
export class UpdateKeyRequestDto extends GenerateKeyRequestDto {}

export class RegenerateKeyRequestDto extends UpdateKeyRequestDto {
  @ApiPropertyOptional({ description: 'Choose the new secret; default: random' })
  @IsOptional()
  @IsString()
  new_key?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Only null: the old secret is refused at once' })
  @IsOptional()
  @IsString()
  grace_period?: string | null;
}

export class DeleteKeysRequestDto {
  @ApiPropertyOptional({ type: [String], description: 'Secrets or their SHA-256 hashes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  keys?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  key_aliases?: string[];
}

export class BlockKeyRequestDto {
  @ApiProperty({ description: 'The secret or its SHA-256 hash' })
  @IsString()
  @IsNotEmpty()
  key!: string;
}

export class KeyInfoQueryDto {
  @ApiProperty({ description: 'The secret or its SHA-256 hash' })
  @IsString()
  @IsNotEmpty({ message: 'is required: the secret or its SHA-256 hash (the master key cannot describe itself here)' })
  key!: string;
}

export class KeyListQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 10, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  size?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  team_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  key_alias?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  key_hash?: string;

  @ApiPropertyOptional({ default: false, description: 'true: key objects; false: their hashes' })
  @IsOptional()
  @IsIn(['true', 'false'])
  return_full_object?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Accepted; every key is listed to the master key' })
  @IsOptional()
  @IsIn(['true', 'false'])
  include_team_keys?: 'true' | 'false';
}

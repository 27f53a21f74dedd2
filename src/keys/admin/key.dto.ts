import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsQueryTime } from '../../violations/admin/query-time';

/** Letters, digits and `. _ : @ / -`: safe in logs, URLs and the violation log. */
export const KEY_ALIAS_PATTERN = /^[A-Za-z0-9._:@/-]{1,128}$/;
/** Names the gateway itself records as the caller: a virtual key cannot take them. */
export const RESERVED_ALIASES: ReadonlySet<string> = new Set(['master_key', 'anonymous']);

/** A new virtual key. Only `key_alias` is required. */
export class CreateKeyDto {
  @ApiProperty({ example: 'payments-bot', description: 'Unique; letters, digits and . _ : @ / - (at most 128)' })
  @IsString()
  @Matches(KEY_ALIAS_PATTERN, { message: 'must be 1 to 128 letters, digits or . _ : @ / -' })
  key_alias!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'payments',
    description: 'A label; recorded on violations',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  team?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'model_list names the key may call; empty or absent: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  models?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Guardrails that run on every request made with the key' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  guardrails?: string[];

  @ApiPropertyOptional({
    default: true,
    description: 'Whether requests may name further guardrails (they can never remove the key’s or default_on ones)',
  })
  @IsOptional()
  @IsBoolean()
  allow_request_guardrails?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form, returned as is' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: 'RFC 3339; null or absent: never' })
  @IsOptional()
  @IsQueryTime()
  expires_at?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Every field optional; what is sent replaces the stored value (`null` clears team and expires_at). */
export class UpdateKeyDto extends PartialType(CreateKeyDto) {}

export const GUARDRAIL_STATES = ['active', 'disabled', 'deleted'] as const;
export type GuardrailState = (typeof GUARDRAIL_STATES)[number];

export class KeyGuardrailStatusDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({
    enum: GUARDRAIL_STATES,
    description: 'active: runs on every request with the key; disabled (globally) or deleted: does not run',
  })
  status!: GuardrailState;
}

/** A virtual key as the admin API shows it: never the secret, never its hash. */
export class KeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  key_alias!: string;

  @ApiProperty({ example: 'sk-...x7Qa', description: 'sk-... and the last 4 characters of the secret' })
  key_name!: string;

  @ApiProperty({ nullable: true, type: String })
  team!: string | null;

  @ApiProperty({ type: [String], description: 'Empty: every model' })
  models!: string[];

  @ApiProperty({ type: [String] })
  guardrails!: string[];

  @ApiProperty({ type: [KeyGuardrailStatusDto], description: 'Whether each of the key’s guardrails runs now' })
  guardrail_status!: KeyGuardrailStatusDto[];

  @ApiProperty()
  allow_request_guardrails!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expires_at!: string | null;

  @ApiProperty({ description: 'expires_at has passed: requests with the key get 401' })
  expired!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

/** Answer of create and regenerate: the only time the secret is shown. */
export class CreatedKeyResponseDto extends KeyResponseDto {
  @ApiProperty({ example: 'sk-…', description: 'The secret: shown once, store it now; Warden keeps only its hash' })
  key!: string;
}

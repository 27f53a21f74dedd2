import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FindingDto } from '../../admin/finding.dto';
import { ENDPOINTS, type EndpointName } from '../../endpoints/endpoint-name';
import { GUARDRAIL_MODES, type GuardrailMode } from '../../guardrails/guardrail.types';
import { VIOLATION_ACTIONS, type ViolationAction } from '../violation.types';
import { IsQueryTime } from './query-time';

export const VIOLATION_SORT_FIELDS = ['occurred_at', 'latency_ms'] as const;
export type ViolationSortField = (typeof VIOLATION_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const PAGE_LIMITS = { default: 50, max: 500, maxOffset: 1_000_000 } as const;

/** A half-open time range: `from` inclusive, `to` exclusive, both RFC 3339. */
export class ViolationTimeRangeQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive, RFC 3339 (e.g. 2026-11-01T00:00:00Z)' })
  @IsOptional()
  @IsQueryTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive, RFC 3339' })
  @IsOptional()
  @IsQueryTime()
  to?: string;
}

/** The log's filters, shared by the list and the stats (the admin UI's chart counts what its table lists). */
export class ViolationFilterQueryDto extends ViolationTimeRangeQueryDto {
  @ApiPropertyOptional({ description: 'Guardrail name' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  guardrail?: string;

  @ApiPropertyOptional({ enum: VIOLATION_ACTIONS })
  @IsOptional()
  @IsIn(VIOLATION_ACTIONS)
  action?: ViolationAction;

  @ApiPropertyOptional({ description: 'The public model name the client asked for' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  model?: string;

  @ApiPropertyOptional({ enum: ENDPOINTS, description: 'The API the request came through' })
  @IsOptional()
  @IsIn(ENDPOINTS)
  endpoint?: EndpointName;

  @ApiPropertyOptional({ description: 'The alias of the key that called: a virtual key alias, or master_key' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  key_alias?: string;

  @ApiPropertyOptional({ description: 'The team label of the virtual key that called' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  team?: string;
}

export class ListViolationsQueryDto extends ViolationFilterQueryDto {
  @ApiPropertyOptional({ description: 'The x-request-id of the request' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  request_id?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMITS.max, default: PAGE_LIMITS.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMITS.max)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Rows to skip; not together with cursor' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PAGE_LIMITS.maxOffset, { message: 'must not be greater than $constraint1: page with next_cursor instead' })
  offset?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page (same sort and order); not with offset' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ enum: VIOLATION_SORT_FIELDS, default: 'occurred_at' })
  @IsOptional()
  @IsIn(VIOLATION_SORT_FIELDS)
  sort?: ViolationSortField;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}

/** Counts under the same filters as the log. */
export class ViolationStatsQueryDto extends ViolationFilterQueryDto {}

export class DeleteViolationsQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Required: every violation that occurred before it is deleted' })
  @IsDefined({ message: 'is required: an RFC 3339 time; violations before it are deleted' })
  @IsQueryTime()
  before!: string;
}

/** One guardrail intervention (or failure) on one request. */
export class ViolationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurred_at!: string;

  @ApiProperty()
  request_id!: string;

  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty({ example: 'banned_keywords' })
  provider!: string;

  @ApiProperty({ enum: GUARDRAIL_MODES })
  mode!: GuardrailMode;

  @ApiProperty({ enum: VIOLATION_ACTIONS })
  action!: ViolationAction;

  @ApiProperty()
  model!: string;

  @ApiProperty({
    enum: ENDPOINTS,
    description: 'The API the request came through; chat for rows logged before Warden recorded it',
  })
  endpoint!: EndpointName;

  @ApiProperty({ description: 'Which key called (an alias, never the key)' })
  caller_key_alias!: string;

  @ApiProperty({ nullable: true, type: String, description: "The virtual key's team label; null for the master key" })
  key_team!: string | null;

  @ApiProperty({ type: [FindingDto] })
  findings!: FindingDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The vendor answer without PII payload; for errors, the error',
  })
  vendor_response!: object | null;

  @ApiPropertyOptional({ nullable: true, description: 'The flagged text per general_settings.violation_excerpt' })
  excerpt!: string | null;

  @ApiProperty()
  latency_ms!: number;

  @ApiProperty({ description: "The verdict came from the guardrail's verdict cache (no vendor call)" })
  cached!: boolean;
}

export class ViolationPageDto {
  @ApiProperty({ type: [ViolationResponseDto] })
  data!: ViolationResponseDto[];

  @ApiProperty({ description: 'Rows matching the filters, all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last' })
  next_cursor!: string | null;
}

export class GuardrailCountDto {
  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty()
  count!: number;
}

export class ActionCountsDto {
  @ApiProperty()
  blocked!: number;

  @ApiProperty()
  monitored!: number;

  @ApiProperty()
  masked!: number;

  @ApiProperty()
  error!: number;
}

/** One count per API, zero included; `implements` fails the build when an API is added and not counted here. */
export class EndpointCountsDto implements Record<EndpointName, number> {
  @ApiProperty()
  chat!: number;

  @ApiProperty()
  responses!: number;

  @ApiProperty()
  messages!: number;

  @ApiProperty()
  completions!: number;

  @ApiProperty()
  embeddings!: number;
}

export class KeyCountDto {
  @ApiProperty({ description: 'Virtual key alias, master_key, or anonymous' })
  key_alias!: string;

  @ApiProperty()
  count!: number;
}

export class TeamCountDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null: calls without a team (master key, keys without one)',
  })
  team!: string | null;

  @ApiProperty()
  count!: number;
}

export class DayCountDto {
  @ApiProperty({ example: '2026-11-26', description: 'UTC day' })
  day!: string;

  @ApiProperty()
  count!: number;
}

export class DayGuardrailCountDto {
  @ApiProperty({ example: '2026-11-26', description: 'UTC day' })
  day!: string;

  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty()
  count!: number;
}

export class ViolationStatsDto {
  @ApiProperty({ format: 'date-time', description: 'Default: 30 days before to' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Default: now' })
  to!: string;

  @ApiProperty()
  total!: number;

  @ApiProperty({ type: [GuardrailCountDto], description: 'Most violations first' })
  by_guardrail!: GuardrailCountDto[];

  @ApiProperty({ type: ActionCountsDto })
  by_action!: ActionCountsDto;

  @ApiProperty({ type: EndpointCountsDto, description: 'Counts per API the requests came through' })
  by_endpoint!: EndpointCountsDto;

  @ApiProperty({ type: [KeyCountDto], description: 'Counts per calling key alias, most violations first' })
  by_key!: KeyCountDto[];

  @ApiProperty({ type: [TeamCountDto], description: 'Counts per virtual key team, most violations first' })
  by_team!: TeamCountDto[];

  @ApiProperty({ type: [DayCountDto], description: 'Days with violations, oldest first' })
  by_day!: DayCountDto[];

  @ApiProperty({ type: [DayGuardrailCountDto], description: 'Counts per UTC day and guardrail, oldest first' })
  by_day_by_guardrail!: DayGuardrailCountDto[];
}

export class DeletedViolationsDto {
  @ApiProperty()
  deleted!: number;
}

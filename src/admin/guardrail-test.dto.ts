import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import type { Decision } from '../guardrails/guardrail.decision';
import { GUARDRAIL_MODES, type ContentPart, type GuardrailMode, type Verdict } from '../guardrails/guardrail.types';
import { FindingDto } from './finding.dto';

/** A string, null, or a list of OpenAI content parts (`{type, text?}`). */
function IsChatContent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isChatContent',
      validator: {
        validate: (value: unknown) =>
          value === null ||
          typeof value === 'string' ||
          (Array.isArray(value) &&
            value.every(
              (part: unknown) =>
                typeof part === 'object' &&
                part !== null &&
                !Array.isArray(part) &&
                typeof (part as { type?: unknown }).type === 'string',
            )),
        defaultMessage: () => 'must be a string, null, or a list of content parts like {"type": "text", "text": "..."}',
      },
    },
    options,
  );
}

export class TestMessageDto {
  @ApiProperty({ example: 'user' })
  @IsString()
  @IsNotEmpty()
  role!: string;

  @ApiPropertyOptional({ example: 'Tell me about project falcon', description: 'A string or OpenAI content parts' })
  @IsOptional()
  @IsChatContent()
  content?: string | ContentPart[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  name?: string;

  @Allow()
  tool_calls?: unknown;

  @Allow()
  tool_call_id?: unknown;
}

/** What to check: the conversation, and optionally an assistant output (then `mode` defaults to post_call). */
export class TestGuardrailDto {
  @ApiProperty({ type: [TestMessageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TestMessageDto)
  messages!: TestMessageDto[];

  @ApiPropertyOptional({ description: 'An assistant output to check post_call' })
  @IsOptional()
  @IsString()
  response?: string;

  @ApiPropertyOptional({
    enum: GUARDRAIL_MODES,
    description: "Default: post_call when response is given, else the guardrail's first mode",
  })
  @IsOptional()
  @IsIn(GUARDRAIL_MODES)
  mode?: GuardrailMode;
}

const DECISIONS = [
  'pass',
  'block',
  'mask',
  'monitor',
  'allow_error',
  'unavailable',
] as const satisfies readonly Decision['kind'][];

export class RewriteDto {
  @ApiPropertyOptional({ type: [TestMessageDto] })
  messages?: TestMessageDto[];

  @ApiPropertyOptional()
  response?: string;
}

/** The verdict of one run, and what the gateway would do with it. Nothing is recorded and no LLM is called. */
export class GuardrailTestResultDto {
  @ApiProperty()
  guardrail_name!: string;

  @ApiProperty({ enum: GUARDRAIL_MODES })
  mode!: GuardrailMode;

  @ApiProperty({ enum: ['pass', 'flagged', 'error'] })
  outcome!: Verdict['outcome'];

  @ApiProperty({
    enum: DECISIONS,
    description:
      'block: 400 with the contract body; mask: continues with the rewrite; monitor: continues unchanged, recorded; ' +
      'allow_error: vendor failed, on_error allow lets it through; unavailable: vendor failed, 503; pass',
  })
  decision!: Decision['kind'];

  @ApiProperty({ type: [FindingDto] })
  findings!: FindingDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  vendor_response!: unknown;

  @ApiPropertyOptional({ type: RewriteDto, description: 'The content masking would send on instead' })
  rewrite?: RewriteDto;

  @ApiPropertyOptional({ description: 'Why the vendor failed (outcome error)' })
  error?: string;

  @ApiProperty({ description: 'Guard latency, milliseconds' })
  latency_ms!: number;
}

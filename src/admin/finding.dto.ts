import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Finding } from '../guardrails/guardrail.types';

/** Why a guardrail flagged, in the API's snake_case. Never holds the flagged text. */
export class FindingDto {
  @ApiProperty({ example: 'pii' })
  detector!: string;

  @ApiProperty({ example: 'EMAIL_ADDRESS' })
  type!: string;

  @ApiProperty()
  count!: number;

  @ApiPropertyOptional()
  score?: number;

  @ApiPropertyOptional()
  rule_id?: string;
}

export function toFindingDto(finding: Finding): FindingDto {
  return {
    detector: finding.detector,
    type: finding.type,
    count: finding.count,
    ...(finding.score === undefined ? {} : { score: finding.score }),
    ...(finding.ruleId === undefined ? {} : { rule_id: finding.ruleId }),
  };
}

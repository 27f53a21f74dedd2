import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { MasterKeyGuard } from '../auth/master-key.guard';
import { GuardrailListDto } from './guardrail.dto';
import { GuardrailsAdminService } from './guardrails-admin.service';

/** LiteLLM's read alias, for tools written against LiteLLM's proxy. */
@ApiTags('guardrails')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong master key' })
@Controller('guardrails')
@UseGuards(MasterKeyGuard)
export class GuardrailsListController {
  constructor(private readonly guardrails: GuardrailsAdminService) {}

  @Get('list')
  @ApiOperation({ summary: 'LiteLLM-compatible: {guardrails: [{guardrail_name, litellm_params, guardrail_info}]}' })
  @ApiOkResponse({ type: GuardrailListDto })
  list(): Promise<GuardrailListDto> {
    return this.guardrails.listLiteLlmShape();
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { MasterKeyGuard } from '../auth/master-key.guard';
import { adminValidationPipe } from './admin-validation.pipe';
import { JsonDepthPipe } from './json-depth.pipe';
import { GuardrailTestResultDto, TestGuardrailDto } from './guardrail-test.dto';
import { GuardrailTestService } from './guardrail-test.service';
import { CreateGuardrailDto, GuardrailResponseDto, UpdateGuardrailDto } from './guardrail.dto';
import { GuardrailsAdminService } from './guardrails-admin.service';

/** Every `:id` route takes the guardrail's id or its name (`/admin/guardrails/lakera-guard`). */
const ID_OR_NAME = ApiParam({
  name: 'id',
  description: "The guardrail's id, or its guardrail_name",
  example: 'lakera-guard',
});

@ApiTags('guardrails')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong master key' })
@Controller('admin/guardrails')
@UseGuards(MasterKeyGuard)
@UsePipes(new JsonDepthPipe(), adminValidationPipe())
export class GuardrailsAdminController {
  constructor(
    private readonly guardrails: GuardrailsAdminService,
    private readonly tests: GuardrailTestService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every guardrail: from config.yaml (source config) and created here (source api)' })
  @ApiOkResponse({ type: [GuardrailResponseDto] })
  list(): Promise<GuardrailResponseDto[]> {
    return this.guardrails.list();
  }

  @Get(':id')
  @ID_OR_NAME
  @ApiOkResponse({ type: GuardrailResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<GuardrailResponseDto> {
    return this.guardrails.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a guardrail from a config.yaml entry, pasted as is; applies to the next request' })
  @ApiCreatedResponse({ type: GuardrailResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, each named with its path' })
  @ApiConflictResponse({ description: 'A guardrail with this name exists' })
  create(@Body() dto: CreateGuardrailDto): Promise<GuardrailResponseDto> {
    return this.guardrails.create(dto);
  }

  @Patch(':id')
  @ID_OR_NAME
  @ApiOperation({
    summary: 'Change an API-created guardrail: litellm_params keys are merged (null removes a key)',
    description: 'A masked secret sent back unchanged keeps the stored one. Config guardrails answer 409.',
  })
  @ApiOkResponse({ type: GuardrailResponseDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Name taken, or the guardrail comes from config.yaml' })
  update(@Param('id') id: string, @Body() dto: UpdateGuardrailDto): Promise<GuardrailResponseDto> {
    return this.guardrails.update(id, dto);
  }

  @Delete(':id')
  @ID_OR_NAME
  @ApiOperation({ summary: 'Delete an API-created guardrail; requests that name it then get 400' })
  @ApiOkResponse({ type: GuardrailResponseDto, description: 'The deleted guardrail' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The guardrail comes from config.yaml' })
  remove(@Param('id') id: string): Promise<GuardrailResponseDto> {
    return this.guardrails.remove(id);
  }

  @Post(':id/enable')
  @ID_OR_NAME
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable (config guardrails too; the flag survives restarts)' })
  @ApiOkResponse({ type: GuardrailResponseDto })
  @ApiNotFoundResponse()
  enable(@Param('id') id: string): Promise<GuardrailResponseDto> {
    return this.guardrails.setEnabled(id, true);
  }

  @Post(':id/disable')
  @ID_OR_NAME
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable: requests naming it are served without it (no error)' })
  @ApiOkResponse({ type: GuardrailResponseDto })
  @ApiNotFoundResponse()
  disable(@Param('id') id: string): Promise<GuardrailResponseDto> {
    return this.guardrails.setEnabled(id, false);
  }

  @Post(':id/test')
  @ID_OR_NAME
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the guardrail now on the given messages (and response) and return its verdict',
    description: 'No LLM is called and no violation is recorded. Works on disabled guardrails too.',
  })
  @ApiOkResponse({ type: GuardrailTestResultDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  test(@Param('id') id: string, @Body() dto: TestGuardrailDto): Promise<GuardrailTestResultDto> {
    return this.tests.test(id, dto);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { adminValidationPipe } from '../../admin/admin-validation.pipe';
import { JsonDepthPipe } from '../../admin/json-depth.pipe';
import { MasterKeyGuard } from '../../auth/master-key.guard';
import { CreatedKeyResponseDto, CreateKeyDto, KeyResponseDto, UpdateKeyDto } from './key.dto';
import { KeysAdminService } from './keys-admin.service';

@ApiTags('keys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong master key (a virtual key cannot manage keys)' })
@Controller('admin/keys')
@UseGuards(MasterKeyGuard)
@UsePipes(new JsonDepthPipe(), adminValidationPipe())
export class KeysAdminController {
  constructor(private readonly keys: KeysAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Every virtual key (never a secret), each guardrail with whether it runs now' })
  @ApiOkResponse({ type: [KeyResponseDto] })
  list(): Promise<KeyResponseDto[]> {
    return this.keys.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<KeyResponseDto> {
    return this.keys.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a virtual key; the answer holds the secret, shown this once' })
  @ApiCreatedResponse({ type: CreatedKeyResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, unknown models or guardrails' })
  @ApiConflictResponse({ description: 'key_alias taken' })
  create(@Body() dto: CreateKeyDto): Promise<CreatedKeyResponseDto> {
    return this.keys.create(dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a key’s settings (not its secret); applies to the next request' })
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'key_alias taken' })
  update(@Param('id') id: string, @Body() dto: UpdateKeyDto): Promise<KeyResponseDto> {
    return this.keys.update(id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a key: refused from the next request on' })
  @ApiOkResponse({ type: KeyResponseDto, description: 'The deleted key' })
  @ApiNotFoundResponse()
  remove(@Param('id') id: string): Promise<KeyResponseDto> {
    return this.keys.remove(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiNotFoundResponse()
  enable(@Param('id') id: string): Promise<KeyResponseDto> {
    return this.keys.setEnabled(id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable: requests with the key get 401 from the next request on' })
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiNotFoundResponse()
  disable(@Param('id') id: string): Promise<KeyResponseDto> {
    return this.keys.setEnabled(id, false);
  }

  @Post(':id/regenerate')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret with the same settings; the old one is refused at once' })
  @ApiOkResponse({ type: CreatedKeyResponseDto })
  @ApiNotFoundResponse()
  regenerate(@Param('id') id: string): Promise<CreatedKeyResponseDto> {
    return this.keys.regenerate(id);
  }
}

import { Body, Controller, Get, HttpCode, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { adminValidationPipe } from '../../admin/admin-validation.pipe';
import { JsonDepthPipe } from '../../admin/json-depth.pipe';
import { MasterKeyGuard } from '../../auth/master-key.guard';
import {
  BlockKeyRequestDto,
  DeleteKeysRequestDto,
  GenerateKeyRequestDto,
  KeyInfoQueryDto,
  KeyListQueryDto,
  RegenerateKeyRequestDto,
  UpdateKeyRequestDto,
} from './litellm-key.dto';
import { LiteLlmKeysService } from './litellm-keys.service';
import { UnsupportedKeyFieldsPipe } from './unsupported-fields.pipe';

type Json = Record<string, unknown>;

/** LiteLLM's key management routes (reference litellm-keys.md §2), master key only; every answer is 200 as LiteLLM's. */
@ApiTags('keys (LiteLLM-compatible)')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong master key' })
@ApiBadRequestResponse({ description: 'A LiteLLM field Warden does not support, named; or an invalid one' })
@Controller('key')
@UseGuards(MasterKeyGuard)
@UsePipes(new JsonDepthPipe(), new UnsupportedKeyFieldsPipe(), adminValidationPipe())
export class LiteLlmKeysController {
  constructor(private readonly keys: LiteLlmKeysService) {}

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create a key; `key` in the answer is the secret, shown this once' })
  @ApiOkResponse()
  generate(@Body() dto: GenerateKeyRequestDto): Promise<Json> {
    return this.keys.generate(dto);
  }

  @Post('update')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiNotFoundResponse()
  update(@Body() dto: UpdateKeyRequestDto): Promise<Json> {
    return this.keys.update(dto);
  }

  @Post('delete')
  @HttpCode(200)
  @ApiOkResponse({ description: '{"deleted_keys": [hashes of keys, aliases]}' })
  @ApiNotFoundResponse()
  delete(@Body() dto: DeleteKeysRequestDto): Promise<Json> {
    return this.keys.delete(dto);
  }

  @Get('info')
  @ApiOkResponse({ description: '{"key": <hash>, "info": {...}}' })
  @ApiNotFoundResponse()
  info(@Query() query: KeyInfoQueryDto): Promise<Json> {
    return this.keys.info(query);
  }

  @Get('list')
  @ApiOkResponse({ description: '{"keys": [...], "total_count", "current_page", "total_pages"}' })
  list(@Query() query: KeyListQueryDto): Promise<Json> {
    return this.keys.list(query);
  }

  @Post('regenerate')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret, same settings (free in Warden); the old secret is refused at once' })
  @ApiOkResponse()
  @ApiNotFoundResponse()
  regenerate(@Body() dto: RegenerateKeyRequestDto): Promise<Json> {
    return this.keys.regenerate(dto);
  }

  @Post('block')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiNotFoundResponse()
  block(@Body() dto: BlockKeyRequestDto): Promise<Json> {
    return this.keys.setBlocked(dto, true);
  }

  @Post('unblock')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiNotFoundResponse()
  unblock(@Body() dto: BlockKeyRequestDto): Promise<Json> {
    return this.keys.setBlocked(dto, false);
  }
}

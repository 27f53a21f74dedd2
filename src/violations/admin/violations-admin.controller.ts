import { Controller, Delete, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
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
  DeletedViolationsDto,
  DeleteViolationsQueryDto,
  ListViolationsQueryDto,
  ViolationPageDto,
  ViolationResponseDto,
  ViolationStatsDto,
  ViolationStatsQueryDto,
} from './violation.dto';
import { ViolationsAdminService } from './violations-admin.service';

@ApiTags('violations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong master key' })
@Controller('admin/violations')
@UseGuards(MasterKeyGuard)
@UsePipes(new JsonDepthPipe(), adminValidationPipe())
export class ViolationsAdminController {
  constructor(private readonly violations: ViolationsAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'The violation log, filtered and paged (limit/offset or cursor), newest first by default',
  })
  @ApiOkResponse({ type: ViolationPageDto })
  @ApiBadRequestResponse()
  list(@Query() query: ListViolationsQueryDto): Promise<ViolationPageDto> {
    return this.violations.list(query);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Counts by guardrail, action, endpoint, key alias, team and UTC day in [from, to)' })
  @ApiOkResponse({ type: ViolationStatsDto })
  @ApiBadRequestResponse()
  stats(@Query() query: ViolationStatsQueryDto): Promise<ViolationStatsDto> {
    return this.violations.stats(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ViolationResponseDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<ViolationResponseDto> {
    return this.violations.get(id);
  }

  @Delete()
  @ApiOperation({ summary: 'Retention: delete every violation that occurred before the given time' })
  @ApiOkResponse({ type: DeletedViolationsDto })
  @ApiBadRequestResponse({ description: 'before is missing or not an ISO 8601 time' })
  deleteBefore(@Query() query: DeleteViolationsQueryDto): Promise<DeletedViolationsDto> {
    return this.violations.deleteBefore(query);
  }
}

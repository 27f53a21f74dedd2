import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UiFilesService } from './ui-files.service';
import { sendUiFile } from './ui-reply';

/**
 * The admin web UI. Public on purpose: the page holds no data and asks for the master key itself; every API call it
 * makes needs the key.
 */
@Controller('ui')
export class UiController {
  constructor(private readonly files: UiFilesService) {}

  /** `/ui`, `/ui/` and any other path under it but the assets: the app routes by the URL fragment. */
  @Get(['', '*'])
  index(@Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): FastifyReply {
    return sendUiFile(reply, this.files.index(), etag);
  }

  @Get('assets/:file')
  asset(
    @Param('file') name: string,
    @Headers('if-none-match') etag: string | undefined,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    return sendUiFile(reply, this.files.asset(name), etag);
  }
}

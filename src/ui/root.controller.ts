import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** `GET /`: a browser pointed at the gateway lands on the admin UI. Public, like /ui itself. */
@ApiExcludeController()
@Controller()
export class RootController {
  @Get()
  @Redirect('/ui', 302)
  root(): void {}
}

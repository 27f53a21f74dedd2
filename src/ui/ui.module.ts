import { Module } from '@nestjs/common';
import { RootController } from './root.controller';
import { UiController } from './ui.controller';
import { UiFilesService } from './ui-files.service';

/** Serves the admin single-page app (built into dist/ui by `npm run build:ui`) at /ui/; `/` redirects there. */
@Module({
  controllers: [RootController, UiController],
  providers: [UiFilesService],
})
export class UiModule {}

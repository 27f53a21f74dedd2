import { Module } from '@nestjs/common';
import { UiController } from './ui.controller';
import { UiFilesService } from './ui-files.service';

/** Serves the admin single-page app (built into dist/ui by `npm run build:ui`) at /ui/. */
@Module({
  controllers: [UiController],
  providers: [UiFilesService],
})
export class UiModule {}

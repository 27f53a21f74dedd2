import { Module } from '@nestjs/common';
import { ViolationsModule } from '../violations.module';
import { ViolationsAdminController } from './violations-admin.controller';
import { ViolationsAdminService } from './violations-admin.service';

/** The violation log's admin routes (`/admin/violations`): queries, stats and retention. */
@Module({
  imports: [ViolationsModule],
  controllers: [ViolationsAdminController],
  providers: [ViolationsAdminService],
})
export class ViolationsAdminModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ViolationBatchWriter } from './violation-batch.writer';
import { ViolationEntity } from './violation.entity';
import { ViolationQueue } from './violation.queue';
import { ViolationReporter } from './violation.reporter';
import { ViolationRecorder } from './violation.types';

@Module({
  imports: [TypeOrmModule.forFeature([ViolationEntity])],
  providers: [
    ViolationBatchWriter,
    ViolationQueue,
    { provide: ViolationRecorder, useExisting: ViolationQueue },
    ViolationReporter,
  ],
  exports: [ViolationReporter, ViolationQueue, TypeOrmModule],
})
export class ViolationsModule {}

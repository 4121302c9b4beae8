import { Module } from '@nestjs/common';
import { TransferClient } from './transfer.client';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Party-activity transfers; the transfer workflow's typed client. */
@Module({
  controllers: [TransfersController],
  providers: [TransfersService, TransferClient],
})
export class TransfersModule {}

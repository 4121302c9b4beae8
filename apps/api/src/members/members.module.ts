import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

/** The members of the user's organisations. */
@Module({
  controllers: [MembersController],
  providers: [MembersService],
})
export class MembersModule {}

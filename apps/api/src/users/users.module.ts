import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users and their role assignments (issue 9 §3). */
@Module({
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}

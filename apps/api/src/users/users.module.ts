import { Module } from '@nestjs/common';
import { ReassignmentsModule } from '../reassignments/reassignments.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users and their role assignments (issue 9 §3). */
@Module({
  imports: [ReassignmentsModule],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}

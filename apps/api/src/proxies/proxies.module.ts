import { Module } from '@nestjs/common';
import { ProxiesController } from './proxies.controller';
import { ProxiesService } from './proxies.service';

/** Standing proxy grants of grassroots committees (issue 14 §6); completions under them go through the tasks. */
@Module({
  controllers: [ProxiesController],
  providers: [ProxiesService],
})
export class ProxiesModule {}

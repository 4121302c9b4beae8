import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';

/** Sign-in and the bearer-token guard; the core module re-exports it to every capability. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, LoginThrottleService],
  exports: [AuthService, AuthGuard],
})
export class AuthModule {}

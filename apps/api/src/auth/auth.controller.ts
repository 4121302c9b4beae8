import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiErrors, ApiResult, openApiSchema } from '../common/openapi';
import { parseOrThrow } from '../common/validation';
import type { AuthUser } from './auth-user';
import { AuthGuard, CurrentUser } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthUserResponse, LoginResponse } from './auth.responses';

const LoginBody = z
  .object({
    username: z.string({ required_error: 'bắt buộc' }).min(1, 'bắt buộc'),
    password: z.string({ required_error: 'bắt buộc' }).min(1, 'bắt buộc'),
  })
  .strict();

@ApiTags('Đăng nhập (auth)')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập, nhận mã truy cập (Bearer token)' })
  @ApiBody({ schema: openApiSchema(LoginBody) })
  @ApiResult(LoginResponse, { name: 'LoginResult' })
  @ApiErrors(401, 429)
  login(@Body() body: unknown, @Req() req: Request) {
    const { username, password } = parseOrThrow(LoginBody, body);
    // The TCP peer, or the client named by X-Forwarded-For when PARTYFLOW_TRUST_PROXY trusts the proxy.
    return this.auth.login(username, password, req.ip ?? 'unknown');
  }

  @Get('me')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Người dùng hiện tại và vai trò theo tổ chức' })
  @ApiResult(AuthUserResponse, { name: 'AuthUser' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}

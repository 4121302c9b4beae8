import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type ApiDeps } from './app.module';
import { addResponseComponents } from './common/openapi';

/** The HTTP API with its OpenAPI document at /docs (JSON at /docs-json). */
export async function createApiApp(
  deps: ApiDeps,
  { logger = true }: { logger?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), {
    logger: logger ? ['error', 'warn', 'log'] : false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Partyflow API')
    .setDescription(
      'Quy trình công tác đảng: kết nạp đảng viên, nhiệm vụ, thời hạn, giám sát. Lỗi: { "error": { "code", "message", "field" } }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  addResponseComponents(document);
  SwaggerModule.setup('docs', app, document);
  return app;
}

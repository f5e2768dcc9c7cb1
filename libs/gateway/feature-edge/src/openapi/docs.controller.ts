import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Json } from '@onewindow/gateway/domain';
import { Public } from '@onewindow/platform/auth';
import type { FastifyReply } from 'fastify';
import { OpenApiAggregator } from './openapi-aggregator';

/** The only files of swagger-ui-dist the page loads; nothing else of the package is served. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>OneWindow API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// An external script, not an inline one, so the Content-Security-Policy can stay `script-src 'self'`.
const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/docs-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

function swaggerUiDirectory(): string {
  // swagger-ui-dist comes with @nestjs/swagger; resolved at run time from where this code runs.
  return dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));
}

/** The merged OpenAPI document and Swagger UI over it (ADR 0018). */
@ApiExcludeController()
@Public()
@Controller('api')
export class DocsController {
  private readonly assets = new Map<string, Buffer>();

  constructor(private readonly aggregator: OpenApiAggregator) {}

  @Get('docs-json')
  @Header('cache-control', 'no-cache')
  document(): Promise<{ [key: string]: Json }> {
    return this.aggregator.document();
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('docs/:asset')
  async asset(@Param('asset') name: string, @Res() reply: FastifyReply): Promise<void> {
    if (name === 'init.js') {
      await reply.type('text/javascript; charset=utf-8').send(INIT);
      return;
    }
    const type = ASSETS[name];
    if (!type) throw new NotFoundException('No such documentation asset');
    let content = this.assets.get(name);
    if (!content) {
      content = await readFile(join(swaggerUiDirectory(), name));
      this.assets.set(name, content);
    }
    await reply.type(type).header('cache-control', 'public, max-age=3600').send(content);
  }
}

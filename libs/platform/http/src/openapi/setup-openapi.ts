import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorSchema, problemContent, ProblemDetailsSchema } from './problem-details.schema';

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
}

export const OPENAPI_PATH = '/openapi.json';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation may fail with a problem; operations that document specific ones keep theirs. */
function addDefaultProblemResponse(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && !operation.responses['default']) {
        operation.responses['default'] = { description: 'Problem (RFC 9457)', content: problemContent() };
      }
    }
  }
}

/**
 * Builds the service's OpenAPI document and serves it at `GET /openapi.json` for the gateway to merge.
 * No Swagger UI here: the gateway serves one for all services. Call before `init()`/`listen()`.
 */
export function setupOpenApi(app: NestFastifyApplication, options: OpenApiOptions): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(options.title).setVersion(options.version);
  if (options.description) builder.setDescription(options.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDetailsSchema, FieldErrorSchema],
  });
  addDefaultProblemResponse(document);
  app
    .getHttpAdapter()
    .getInstance()
    .get(OPENAPI_PATH, (_request, reply) => {
      void reply.header('cache-control', 'no-cache').send(document);
    });
  return document;
}

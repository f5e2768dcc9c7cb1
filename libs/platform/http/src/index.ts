export { bootstrapService } from './bootstrap/bootstrap-service';
export { outsideRequest } from './bootstrap/request-lifecycle';
export { pathOf } from './bootstrap/access-line';
export {
  createServiceApp,
  DEFAULT_BODY_LIMIT,
  type AppModuleSource,
  type ServiceOptions,
} from './bootstrap/create-service-app';

export { DomainException } from './problem/domain-exception';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemType,
  type FieldError,
  type ProblemDetails,
} from './problem/problem-details';
export { ProblemDetailsFilter } from './problem/problem-details.filter';
export { codeForStatus, toProblem, type ProblemRequest, type ProblemResponse } from './problem/to-problem';

export {
  createValidationPipe,
  flattenValidationErrors,
  RequestValidationException,
} from './validation/validation-errors';

export { ApiProblemResponse, FieldErrorSchema, ProblemDetailsSchema } from './openapi/problem-details.schema';
export { OPENAPI_PATH, setupOpenApi, type OpenApiOptions } from './openapi/setup-openapi';

export { EDGE_CACHE_PURGE_CHANNEL, etagMatches, SURROGATE_CONTROL, SURROGATE_KEY } from './caching/http-caching';

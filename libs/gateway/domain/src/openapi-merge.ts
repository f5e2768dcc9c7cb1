import { API_PREFIX, UNROUTABLE_SEGMENTS } from './routing';

/** A JSON value as read from a service's `/openapi.json`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ServiceOpenApi {
  readonly service: string;
  /** The service's document, or undefined when it could not be fetched. */
  readonly document: JsonObject | undefined;
}

export interface MergedOpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

const COMPONENT_TYPES = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
] as const;

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `identity` + `LoginDto` → `identity.LoginDto`; valid as an OpenAPI component name. */
function componentName(service: string, name: string): string {
  return `${service}.${name}`;
}

/**
 * Deep copy that prefixes every local component `$ref` and turns the OpenAPI 3.0 schema keywords that
 * changed meaning in 3.1 (JSON Schema 2020-12) into their 3.1 form: `nullable` into a `null` type,
 * boolean `exclusiveMinimum`/`exclusiveMaximum` into numbers.
 */
function rewrite(value: Json, service: string): Json {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, service));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      const match = /^#\/components\/([^/]+)\/(.+)$/.exec(child);
      out[key] = match ? `#/components/${match[1]}/${componentName(service, match[2] as string)}` : child;
    } else {
      out[key] = rewrite(child, service);
    }
  }
  if (out['nullable'] === true && typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    delete out['nullable'];
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) {
      delete out[flag];
    }
  }
  return out;
}

/** Every service's HTTP bearer scheme becomes this one, so Swagger UI asks for the token once. */
export const SHARED_BEARER_SCHEME = 'bearer';

function isBearerScheme(scheme: Json | undefined): boolean {
  return isObject(scheme) && scheme['type'] === 'http' && typeof scheme['scheme'] === 'string' && scheme['scheme'].toLowerCase() === 'bearer';
}

/** A service's security scheme names and what they are called in the merged document. */
function securitySchemeNames(service: string, schemes: Json | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!isObject(schemes)) return names;
  for (const [name, scheme] of Object.entries(schemes)) {
    names.set(name, isBearerScheme(scheme) ? SHARED_BEARER_SCHEME : componentName(service, name));
  }
  return names;
}

function renameSecurity(requirements: Json | undefined, service: string, names: Map<string, string>): Json | undefined {
  if (!Array.isArray(requirements)) return requirements;
  return requirements.map((requirement) =>
    isObject(requirement)
      ? Object.fromEntries(
          Object.entries(requirement).map(([name, scopes]) => [names.get(name) ?? componentName(service, name), scopes]),
        )
      : requirement,
  );
}

function isRoutablePath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return !UNROUTABLE_SEGMENTS.has(first.toLowerCase()) && path !== '/openapi.json';
}

function serviceTag(service: string, tag: Json): Json {
  return typeof tag === 'string' ? `${service}: ${tag}` : tag;
}

function mergeOne(service: string, source: JsonObject, target: { paths: JsonObject; components: Record<string, JsonObject>; tags: Json[] }): void {
  const document = rewrite(source, service) as JsonObject;
  const components = isObject(document['components']) ? document['components'] : {};
  const schemeNames = securitySchemeNames(service, components['securitySchemes']);
  const globalSecurity = renameSecurity(document['security'], service, schemeNames);

  for (const type of COMPONENT_TYPES) {
    const entries = components[type];
    if (!isObject(entries)) continue;
    const merged = (target.components[type] ??= {});
    for (const [name, component] of Object.entries(entries)) {
      const mergedName = type === 'securitySchemes' ? (schemeNames.get(name) ?? componentName(service, name)) : componentName(service, name);
      merged[mergedName] = mergedName === SHARED_BEARER_SCHEME ? { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } : component;
    }
  }

  const paths = isObject(document['paths']) ? document['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || !isRoutablePath(path)) continue;
    const outItem: JsonObject = { ...item };
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const tags = Array.isArray(operation['tags']) && operation['tags'].length > 0 ? operation['tags'].map((tag) => serviceTag(service, tag)) : [service];
      const security = operation['security'] !== undefined ? renameSecurity(operation['security'], service, schemeNames) : globalSecurity;
      outItem[method] = {
        ...operation,
        tags,
        ...(typeof operation['operationId'] === 'string'
          ? { operationId: `${service.replace(/-/g, '_')}_${operation['operationId']}` }
          : {}),
        ...(security !== undefined ? { security } : {}),
      };
    }
    target.paths[`${API_PREFIX}/${service}${path === '/' ? '' : path}`] = outItem;
  }

  const tags = Array.isArray(document['tags']) ? document['tags'] : [];
  target.tags.push({ name: service, description: `The ${service} service` });
  for (const tag of tags) {
    if (isObject(tag) && typeof tag['name'] === 'string') target.tags.push({ ...tag, name: serviceTag(service, tag['name']) });
  }
}

/**
 * One OpenAPI 3.1 document for the whole platform: every service's routable paths under
 * `/api/v1/<service>`, its components prefixed `<service>.` (references rewritten), operation ids and
 * tags prefixed likewise, and the services whose document was unavailable listed in `x-unavailable`.
 */
export function mergeOpenApi(services: readonly ServiceOpenApi[], info: MergedOpenApiInfo): JsonObject {
  const target = { paths: {} as JsonObject, components: {} as Record<string, JsonObject>, tags: [] as Json[] };
  const unavailable: string[] = [];
  for (const { service, document } of services) {
    if (document && isObject(document['paths'])) mergeOne(service, document, target);
    else unavailable.push(service);
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    servers: [{ url: '/' }],
    paths: target.paths,
    components: target.components,
    tags: target.tags,
    'x-unavailable': unavailable,
  };
}

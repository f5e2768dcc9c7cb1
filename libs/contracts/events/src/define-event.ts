import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** `gov.onewindow.<service>.<aggregate>.<event>.v<N>` (ARCHITECTURE.md, Events). */
export const EVENT_TYPE_PATTERN = /^gov\.onewindow\.([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.v([1-9][0-9]*)$/;

export const SCHEMA_BASE_URI = 'https://onewindow.gov.cn/schemas/events/';

export interface EventDefinition<TType extends string = string, TSchema extends JSONSchema = JSONSchema> {
  readonly type: TType;
  /** One topic per aggregate stream: `onewindow.<service>.<aggregate>`; key = aggregate id. */
  readonly topic: string;
  readonly service: string;
  readonly aggregate: string;
  readonly version: number;
  readonly description: string;
  /** JSON Schema 2020-12 of the event's `data`. */
  readonly schema: TSchema;
  readonly schemaId: string;
}

export class EventDefinitionError extends Error {
  override name = 'EventDefinitionError';
}

export function defineEvent<const TType extends string, const TSchema extends JSONSchema>(definition: {
  type: TType;
  description: string;
  schema: TSchema;
}): EventDefinition<TType, TSchema> {
  const match = EVENT_TYPE_PATTERN.exec(definition.type);
  if (!match) {
    throw new EventDefinitionError(
      `Event type "${definition.type}" does not follow gov.onewindow.<service>.<aggregate>.<event>.v<N>`,
    );
  }
  const [, service, aggregate, , version] = match;
  if (typeof definition.schema !== 'object' || definition.schema.type !== 'object') {
    throw new EventDefinitionError(`Event type "${definition.type}" must have an object schema`);
  }
  return {
    ...definition,
    service: service as string,
    aggregate: aggregate as string,
    version: Number(version),
    topic: `onewindow.${service}.${aggregate}`,
    schemaId: `${SCHEMA_BASE_URI}${definition.type}.json`,
  };
}

export type EventCatalog = Readonly<Record<string, EventDefinition>>;

/** Indexes definitions by type and refuses duplicates. */
export function catalogOf<const TDefs extends readonly EventDefinition[]>(
  definitions: TDefs,
): { readonly [D in TDefs[number] as D['type']]: D } {
  const catalog: Record<string, EventDefinition> = {};
  for (const definition of definitions) {
    if (catalog[definition.type]) throw new EventDefinitionError(`Event type "${definition.type}" is defined twice`);
    catalog[definition.type] = definition;
  }
  return Object.freeze(catalog) as { readonly [D in TDefs[number] as D['type']]: D };
}

export type PayloadOf<D> = D extends EventDefinition<string, infer S> ? FromSchema<S> : never;

/** Event type → payload type for a catalog: the typed map producers and consumers share. */
export type EventMapOf<C> = { [K in keyof C & string]: PayloadOf<C[K]> };

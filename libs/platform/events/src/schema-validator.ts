import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { EventCatalog } from '@onewindow/contracts/events';

export interface SchemaViolation {
  path: string;
  reason: string;
}

/** An event whose payload does not match its type's JSON Schema, or whose type is unknown. */
export class EventSchemaError extends Error {
  override name = 'EventSchemaError';

  constructor(
    readonly eventType: string,
    readonly violations: SchemaViolation[],
  ) {
    super(
      `Event ${eventType} is invalid: ${violations.map((v) => `${v.path || '(root)'} ${v.reason}`).join('; ')}`,
    );
  }
}

function toViolation(error: ErrorObject): SchemaViolation {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { path: path ? `${path}.${extra}` : extra, reason: 'is not allowed' };
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: path ? `${path}.${missing}` : missing, reason: 'is required' };
  }
  return { path, reason: error.message ?? error.keyword };
}

/** Compiles every schema of a catalog once; producers and consumers validate with the same one. */
export class SchemaValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly catalog: EventCatalog) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const definition of Object.values(catalog)) {
      this.validators.set(definition.type, ajv.compile({ ...(definition.schema as object), $id: definition.schemaId }));
    }
  }

  has(type: string): boolean {
    return this.validators.has(type);
  }

  assertValid(type: string, payload: unknown): void {
    const validate = this.validators.get(type);
    if (!validate) throw new EventSchemaError(type, [{ path: '', reason: 'is not a type in the event catalog' }]);
    if (!validate(payload)) throw new EventSchemaError(type, (validate.errors ?? []).map(toViolation));
  }
}

import { ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { DomainException } from '../problem/domain-exception';
import { FieldError } from '../problem/problem-details';

/** class-validator's message for a property the DTO does not declare ("property x should not exist"). */
const WHITELIST_CONSTRAINT = 'whitelistValidation';

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function reasonOf(constraint: string, message: string, property: string): string {
  if (constraint === WHITELIST_CONSTRAINT) return 'is not allowed';
  // class-validator starts most messages with the property name, which `field` already carries.
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** One `{ field, reason }` per failed constraint, with nested paths such as `materials[0].name`. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field: field || '(root)',
      reason: reasonOf(constraint, message, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationException extends DomainException<'VALIDATION_FAILED'> {
  constructor(errors: FieldError[]) {
    const fields = [...new Set(errors.map((e) => e.field))];
    super('VALIDATION_FAILED', 400, `The request has invalid fields: ${fields.join(', ')}`, { errors });
  }
}

/** Whitelisting, unknown fields refused, DTO instances built; failures become problem+json field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}

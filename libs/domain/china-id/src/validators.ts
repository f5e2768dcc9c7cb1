import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { checkCitizenIdNumber } from './citizen-id';
import { checkCreditCode } from './credit-code';

function reasonOf(check: { valid: true } | { valid: false; reason: string }): string | undefined {
  return check.valid ? undefined : check.reason;
}

/** A string that is a valid GB 11643 citizen ID number; the message names the failed check. */
export function IsCitizenIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCitizenIdNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkCitizenIdNumber(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          const reason = typeof value === 'string' ? reasonOf(checkCitizenIdNumber(value)) : 'must be a string';
          return `${args?.property ?? 'value'} is not a valid citizen ID number: ${reason ?? 'invalid'}`;
        },
      },
    });
}

/** A string that is a valid GB 32100 unified social credit code; the message names the failed check. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkCreditCode(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          const reason = typeof value === 'string' ? reasonOf(checkCreditCode(value)) : 'must be a string';
          return `${args?.property ?? 'value'} is not a valid unified social credit code: ${reason ?? 'invalid'}`;
        },
      },
    });
}

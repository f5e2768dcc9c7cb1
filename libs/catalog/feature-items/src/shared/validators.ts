import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { isItemCode } from '@onewindow/catalog/domain';
import { RequestValidationException } from '@onewindow/platform/http';
import { ArrayMaxSize, IsArray, IsDateString, IsNotEmpty, IsString, Matches, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';

/** A list of short non-empty texts with size limits. */
export function TextList(maxItems: number, maxLength: number): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(maxLength, { each: true }),
  );
}

/** A non-empty text of at most `maxLength` characters. */
export function Text(maxLength: number): PropertyDecorator {
  return applyDecorators(IsString(), IsNotEmpty(), MaxLength(maxLength));
}

/** A calendar date `YYYY-MM-DD` that exists (no time, no zone). */
export function CalendarDate(): PropertyDecorator {
  return applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }), IsDateString({ strict: true }));
}

/** An item code of this county's catalogue with a valid check character. */
export function IsItemCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isItemCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an item code 350123-DDD-TT-SSSS-C with a valid check character', ...options },
      validator: { validate: (value: unknown) => isItemCode(value) },
    });
}

/** Path parameter `code`: 400 naming it when it is not a valid item code. */
@Injectable()
export class ItemCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isItemCode(value)) {
      throw new RequestValidationException([{ field: 'code', reason: 'must be an item code 350123-DDD-TT-SSSS-C with a valid check character' }]);
    }
    return value;
  }
}

/** Path parameter `version`: a positive integer. */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new RequestValidationException([{ field: 'version', reason: 'must be a positive integer' }]);
    return Number(value);
  }
}

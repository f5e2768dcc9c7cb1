import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNotEmpty, IsString, Min, ValidateNested, ValidationError } from 'class-validator';
import {
  createValidationPipe,
  flattenValidationErrors,
  RequestValidationException,
} from './validation-errors';

class Material {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

class Application {
  @IsInt()
  @Min(1)
  copies!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Material)
  materials!: Material[];
}

async function errorsFor(body: unknown) {
  const pipe = createValidationPipe();
  try {
    await pipe.transform(body, { type: 'body', metatype: Application });
  } catch (error) {
    if (error instanceof RequestValidationException) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('flattenValidationErrors', () => {
  it('gives one entry per failed constraint, without repeating the property name in the reason', () => {
    const errors: ValidationError[] = [
      {
        property: 'copies',
        constraints: { isInt: 'copies must be an integer number', min: 'copies must not be less than 1' },
        children: [],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'copies', reason: 'must be an integer number' },
      { field: 'copies', reason: 'must not be less than 1' },
    ]);
  });

  it('builds bracketed paths for array items and dotted paths for objects', () => {
    const errors: ValidationError[] = [
      {
        property: 'materials',
        children: [
          {
            property: '2',
            children: [
              {
                property: 'owner',
                children: [{ property: 'name', constraints: { isString: 'name must be a string' } }],
              },
            ],
          },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'materials[2].owner.name', reason: 'must be a string' },
    ]);
  });

  it('says an undeclared property is not allowed', () => {
    const errors: ValidationError[] = [
      { property: 'role', constraints: { whitelistValidation: 'property role should not exist' } },
    ];
    expect(flattenValidationErrors(errors)).toEqual([{ field: 'role', reason: 'is not allowed' }]);
  });

  it('keeps messages that do not start with the property name', () => {
    const errors: ValidationError[] = [
      { property: 'tags', constraints: { isString: 'each value in tags must be a string' } },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'tags', reason: 'each value in tags must be a string' },
    ]);
  });
});

describe('createValidationPipe', () => {
  it('refuses unknown fields at any depth and names them', async () => {
    const error = await errorsFor({ copies: 1, materials: [{ name: 'a', extra: 1 }], admin: true });
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { field: 'admin', reason: 'is not allowed' },
        { field: 'materials[0].extra', reason: 'is not allowed' },
      ]),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.detail).toBe('The request has invalid fields: admin, materials[0].extra');
  });

  it('returns a DTO instance for a valid body', async () => {
    const pipe = createValidationPipe();
    const value: unknown = await pipe.transform(
      { copies: 1, materials: [{ name: 'a' }] },
      { type: 'body', metatype: Application },
    );
    expect(value).toBeInstanceOf(Application);
  });
});

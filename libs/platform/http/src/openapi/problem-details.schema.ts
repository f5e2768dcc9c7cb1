import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../problem/problem-details';

@ApiSchema({ name: 'FieldError', description: 'One invalid input field' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'materials[0].name' })
  field!: string;

  @ApiProperty({ example: 'must be a string' })
  reason!: string;
}

@ApiSchema({
  name: 'ProblemDetails',
  description: 'RFC 9457 problem details, served as application/problem+json',
})
export class ProblemDetailsSchema {
  @ApiProperty({ format: 'uri', example: `${PROBLEM_TYPE_BASE}validation-failed` })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request has invalid fields: materials[0].name' })
  detail!: string;

  @ApiProperty({ format: 'uri-reference', example: '/applications' })
  instance!: string;

  @ApiProperty({
    description: 'Stable machine-readable code',
    pattern: '^[A-Z][A-Z0-9_]*$',
    example: 'VALIDATION_FAILED',
  })
  code!: string;

  @ApiPropertyOptional({
    description: 'Id of the request, echoed in the x-request-id header',
    example: '3f1c7e2a-8b4d-4c6e-9f00-123456789abc',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema] })
  errors?: FieldErrorSchema[];
}

export function problemContent() {
  return { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } };
}

/** Documents one problem+json response of an operation, e.g. `@ApiProblemResponse(409, 'Already concluded')`. */
export function ApiProblemResponse(status: number, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema, FieldErrorSchema),
    ApiResponse({ status, description, content: problemContent() }),
  );
}

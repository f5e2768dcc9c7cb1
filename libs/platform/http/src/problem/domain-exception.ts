import { FieldError } from './problem-details';

/**
 * The one base of every business error a client may see. Each domain declares its own subclass with a
 * code enum and a code-to-status map, so the mapping is checked at compile time:
 *
 * ```ts
 * export enum ApplicationExceptionCode {
 *   APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
 *   APPLICATION_ALREADY_CONCLUDED = 'APPLICATION_ALREADY_CONCLUDED',
 * }
 * const STATUS: Record<ApplicationExceptionCode, number> = {
 *   [ApplicationExceptionCode.APPLICATION_NOT_FOUND]: 404,
 *   [ApplicationExceptionCode.APPLICATION_ALREADY_CONCLUDED]: 409,
 * };
 * export class ApplicationException extends DomainException<ApplicationExceptionCode> {
 *   constructor(code: ApplicationExceptionCode, detail: string) {
 *     super(code, STATUS[code], detail);
 *   }
 * }
 * ```
 *
 * `detail` is sent to the client as is: it explains this occurrence and must hold no internals and no
 * personal data beyond what the caller sent. The class has no Nest or HTTP dependency.
 */
export abstract class DomainException<C extends string = string> extends Error {
  readonly errors?: readonly FieldError[];

  protected constructor(
    readonly code: C,
    readonly status: number,
    readonly detail: string,
    options: { errors?: readonly FieldError[]; cause?: unknown } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.errors) this.errors = options.errors;
  }
}

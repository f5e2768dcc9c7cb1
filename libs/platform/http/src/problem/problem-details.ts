/** Every problem `type` is this base followed by the kebab-cased code; the URIs are stable identifiers. */
export const PROBLEM_TYPE_BASE = 'https://onewindow.gov.cn/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Path of the offending input, e.g. `materials[0].name`. */
  field: string;
  reason: string;
}

/** RFC 9457 problem details with OneWindow's members: a stable `code`, the `requestId` and field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}

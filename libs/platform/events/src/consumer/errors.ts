/** Thrown by a handler when retrying cannot help (the event is wrong, not the moment): straight to the DLQ. */
export class NonRetryableEventError extends Error {
  override name = 'NonRetryableEventError';
}

export function errorCodeOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'UNKNOWN';
}

export function errorMessageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

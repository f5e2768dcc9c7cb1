export interface CircuitBreakerOptions {
  /** Consecutive transport failures (refused, reset, timed out) that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses before letting one trial request through. */
  readonly openMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export type CircuitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * One upstream's circuit in one gateway replica. Closed: everything passes and consecutive failures
 * are counted. Open: requests are refused at once (503) until `openMs` has passed. Half-open: one trial
 * request passes; its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private trialStartedAt = 0;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Asks to send a request; an allowed request must be followed by `succeeded()` or `failed()`. */
  tryAcquire(): CircuitDecision {
    const state = this.state;
    if (state === 'closed') return { allowed: true };
    // A trial whose outcome never came (the client went away) does not keep the circuit open forever.
    const trialLost = this.trialInFlight && this.now() - this.trialStartedAt >= this.options.openMs;
    if (state === 'half-open' && (!this.trialInFlight || trialLost)) {
      this.trialInFlight = true;
      this.trialStartedAt = this.now();
      return { allowed: true };
    }
    const elapsed = this.now() - (this.openedAt ?? this.now());
    return { allowed: false, retryAfterMs: Math.max(this.options.openMs - elapsed, 0) || this.options.openMs };
  }

  /** The upstream answered (any HTTP status: it is reachable). */
  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  /** The request never reached the upstream (refused before sending): says nothing about its health. */
  abandoned(): void {
    this.trialInFlight = false;
  }

  /** The upstream could not be reached or did not answer in time. */
  failed(): void {
    if (this.trialInFlight || this.openedAt !== undefined) {
      this.open();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.trialInFlight = false;
    this.failures = 0;
  }
}

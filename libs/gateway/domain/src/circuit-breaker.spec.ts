import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1000 }, () => now);
  beforeEach(() => {
    now = 0;
  });

  it('opens after the threshold of consecutive failures and refuses with the time left', () => {
    const circuit = breaker();
    circuit.failed();
    circuit.failed();
    expect(circuit.tryAcquire()).toEqual({ allowed: true });
    circuit.failed();
    expect(circuit.state).toBe('open');
    now = 400;
    expect(circuit.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 600 });
  });

  it('forgets failures once the upstream answers', () => {
    const circuit = breaker();
    circuit.failed();
    circuit.failed();
    circuit.succeeded();
    circuit.failed();
    circuit.failed();
    expect(circuit.state).toBe('closed');
  });

  it('lets one trial through when half-open: success closes, failure opens again', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failed();
    now = 1000;
    expect(circuit.tryAcquire()).toEqual({ allowed: true });
    expect(circuit.tryAcquire().allowed).toBe(false);
    circuit.failed();
    expect(circuit.state).toBe('open');
    now = 2000;
    expect(circuit.tryAcquire().allowed).toBe(true);
    circuit.succeeded();
    expect(circuit.state).toBe('closed');
    expect(circuit.tryAcquire().allowed).toBe(true);
  });

  it('allows a new trial when the previous one never reported', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failed();
    now = 1000;
    expect(circuit.tryAcquire().allowed).toBe(true);
    now = 2000;
    expect(circuit.tryAcquire().allowed).toBe(true);
  });

  it('frees the trial of a request that never reached the upstream without closing or reopening', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failed();
    now = 1000;
    expect(circuit.tryAcquire().allowed).toBe(true);
    circuit.abandoned();
    expect(circuit.state).toBe('half-open');
    expect(circuit.tryAcquire().allowed).toBe(true);
  });
});

/**
 * A dependency the service cannot serve without (database, Kafka, Redis). `check` resolves when it is
 * usable and throws, with a message an operator can act on, when it is not. Implementations are
 * providers of the module that owns the dependency and are listed in `HealthModule.register`.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** `system` is the platform itself acting on a schedule (time-limit clocks, reconciliation). */
export type ActorType = 'person' | 'enterprise' | 'staff' | 'service' | 'system';

/** Who is acting: set by the auth layer once the token is verified, read when events and audit rows are written. */
export interface Actor {
  readonly id: string;
  readonly type: ActorType;
  readonly roles: readonly string[];
  readonly organisationId?: string;
}

export interface RequestContextData {
  readonly requestId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  /** W3C `traceparent` of the span the work runs in, for rows and messages written by it. */
  readonly traceparent?: string;
}

interface Store {
  data: RequestContextData;
}

const storage = new AsyncLocalStorage<Store>();

/**
 * The ids and actor of the request or message being handled, carried across `await`s.
 * The HTTP layer opens one per request, the Kafka consumer one per message.
 */
export abstract class RequestContext {
  static current(): RequestContextData | undefined {
    return storage.getStore()?.data;
  }

  static run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run({ data: { ...data } }, fn);
  }

  /**
   * Records the authenticated actor on the current context. The context is opened before guards run,
   * so the auth guard adds the actor afterwards instead of opening a nested one.
   */
  static setActor(actor: Actor): void {
    const store = storage.getStore();
    if (!store) throw new Error('RequestContext.setActor called outside a request context');
    store.data = { ...store.data, actor };
  }
}

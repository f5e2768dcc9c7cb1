import type { EventActor } from '@onewindow/contracts/events';
import type { PublishContext } from '@onewindow/platform/events';
import { Actor, RequestContext } from '@onewindow/platform/observability';

export function toEventActor(actor: Actor): EventActor {
  if (actor.type === 'service') return { kind: 'service', id: actor.id };
  if (actor.type === 'system') return { kind: 'system', id: actor.id };
  return { kind: 'user', id: actor.id };
}

/**
 * Events appended while serving a request or handling an event carry its correlation id, are
 * caused by it, and name who acted.
 */
export function publishContextFromRequest(): PublishContext {
  const context = RequestContext.current();
  if (!context) return {};
  return {
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.requestId,
    actor: context.actor ? toEventActor(context.actor) : undefined,
  };
}

import { RequestContext } from '@onewindow/platform/observability';
import { publishContextFromRequest, toEventActor } from './publish-context';

describe('toEventActor', () => {
  it('maps people, enterprises and staff to user actors, keeping services and the system apart', () => {
    expect(toEventActor({ id: 'p1', type: 'person', roles: ['citizen'] })).toEqual({ kind: 'user', id: 'p1' });
    expect(toEventActor({ id: 'e1', type: 'enterprise', roles: [] })).toEqual({ kind: 'user', id: 'e1' });
    expect(toEventActor({ id: 's1', type: 'staff', roles: ['window_clerk'] })).toEqual({ kind: 'user', id: 's1' });
    expect(toEventActor({ id: 'market-dept', type: 'service', roles: ['service'] })).toEqual({
      kind: 'service',
      id: 'market-dept',
    });
    expect(toEventActor({ id: 'scheduler', type: 'system', roles: [] })).toEqual({ kind: 'system', id: 'scheduler' });
  });
});

describe('publishContextFromRequest', () => {
  it('is empty outside a request', () => {
    expect(publishContextFromRequest()).toEqual({});
  });

  it('carries the correlation id, the request as cause and the actor of the request being served', () => {
    const context = RequestContext.run(
      {
        requestId: 'req-1',
        correlationId: 'corr-1',
        actor: { id: 'p1', type: 'person', roles: ['citizen'] },
      },
      () => publishContextFromRequest(),
    );
    expect(context).toEqual({ correlationId: 'corr-1', causationId: 'req-1', actor: { kind: 'user', id: 'p1' } });
  });

  it('keeps the causing event when handling a message', () => {
    const context = RequestContext.run(
      { requestId: 'msg-1', correlationId: 'corr-2', causationId: 'event-9' },
      () => publishContextFromRequest(),
    );
    expect(context).toEqual({ correlationId: 'corr-2', causationId: 'event-9', actor: undefined });
  });
});

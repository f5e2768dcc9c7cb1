import { RequestContext } from './request-context';

const base = { requestId: 'req-1', correlationId: 'corr-1' };

describe('RequestContext', () => {
  it('has no context outside run', () => {
    expect(RequestContext.current()).toBeUndefined();
  });

  it('keeps the context across awaits and timers inside run', async () => {
    const seen = await RequestContext.run(base, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await Promise.resolve();
      return RequestContext.current();
    });
    expect(seen).toEqual(base);
  });

  it('isolates concurrent runs from each other', async () => {
    const read = (id: string) =>
      RequestContext.run({ requestId: id, correlationId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 5 : 1));
        return RequestContext.current()?.requestId;
      });
    await expect(Promise.all([read('a'), read('b')])).resolves.toEqual(['a', 'b']);
  });

  it('restores the outer context after a nested run', () => {
    RequestContext.run(base, () => {
      RequestContext.run({ requestId: 'inner', correlationId: 'corr-1', causationId: 'evt-1' }, () => {
        expect(RequestContext.current()?.causationId).toBe('evt-1');
      });
      expect(RequestContext.current()).toEqual(base);
    });
  });

  it('adds the actor to the current context without touching the caller object', () => {
    const data = { ...base };
    RequestContext.run(data, () => {
      RequestContext.setActor({
        id: 'u-1',
        type: 'staff',
        roles: ['window-clerk'],
        organisationId: 'dept-1',
      });
      expect(RequestContext.current()?.actor?.organisationId).toBe('dept-1');
    });
    expect(data).toEqual(base);
  });

  it('refuses to set an actor outside a context', () => {
    expect(() => RequestContext.setActor({ id: 'u-1', type: 'person', roles: [] })).toThrow(
      /outside a request context/,
    );
  });
});

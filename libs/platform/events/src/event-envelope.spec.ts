import { decodeEvent, encodeEvent, EventDecodeError } from './event-envelope';

const meta = {
  id: '0b8e2f0e-7d8e-4b8f-9a55-3c1f5f0e6a11',
  type: 'gov.onewindow.workflow.application.submitted.v1',
  source: '/onewindow/workflow',
  key: 'case-42',
  time: new Date('2026-11-25T08:00:00.000Z'),
  correlationId: 'corr-1',
  causationId: 'req-1',
  actor: { kind: 'user' as const, id: 'u-7' },
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
};

describe('CloudEvents Kafka binary binding', () => {
  it('puts the attributes in ce_* headers, the aggregate id in the key and JSON in the body', () => {
    const message = encodeEvent(meta, { applicationId: 'case-42' });
    expect(message.key).toBe('case-42');
    expect(JSON.parse(message.value)).toEqual({ applicationId: 'case-42' });
    expect(message.headers).toMatchObject({
      ce_id: meta.id,
      ce_type: meta.type,
      ce_source: meta.source,
      ce_specversion: '1.0',
      ce_subject: 'case-42',
      ce_time: '2026-11-25T08:00:00.000Z',
      ce_correlationid: 'corr-1',
      ce_causationid: 'req-1',
      ce_actor: 'user:u-7',
      traceparent: meta.traceparent,
    });
  });

  it('decodes what it encodes', () => {
    const message = encodeEvent(meta, { applicationId: 'case-42' });
    const event = decodeEvent(
      { key: Buffer.from(message.key), value: Buffer.from(message.value), headers: message.headers },
      { topic: 't', partition: 1, offset: '9' },
    );
    expect(event).toMatchObject({
      id: meta.id,
      type: meta.type,
      subject: 'case-42',
      data: { applicationId: 'case-42' },
      correlationId: 'corr-1',
      actor: { kind: 'user', id: 'u-7' },
      partition: 1,
      offset: '9',
    });
  });

  it('refuses a message without CloudEvents headers', () => {
    expect(() =>
      decodeEvent({ key: null, value: Buffer.from('{}'), headers: {} }, { topic: 't', partition: 0, offset: '0' }),
    ).toThrow(EventDecodeError);
  });

  it('refuses a body that is not JSON', () => {
    const { headers } = encodeEvent(meta, {});
    expect(() =>
      decodeEvent({ key: null, value: Buffer.from('{oops'), headers }, { topic: 't', partition: 0, offset: '0' }),
    ).toThrow(/not valid JSON/);
  });
});

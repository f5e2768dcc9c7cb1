import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf, defineEvent, EventDefinitionError } from './define-event';
import { toAsyncApi } from './asyncapi';
import { eventCatalog } from './catalog';

const submitted = defineEvent({
  type: 'gov.onewindow.workflow.application.submitted.v1',
  description: 'An application was submitted',
  schema: {
    type: 'object',
    required: ['applicationId'],
    additionalProperties: false,
    properties: { applicationId: { type: 'string' } },
  },
});

describe('defineEvent', () => {
  it('derives the topic, service, aggregate and version from the type name', () => {
    expect(submitted.topic).toBe('onewindow.workflow.application');
    expect(submitted.service).toBe('workflow');
    expect(submitted.aggregate).toBe('application');
    expect(submitted.version).toBe(1);
    expect(submitted.schemaId).toBe(
      'https://onewindow.gov.cn/schemas/events/gov.onewindow.workflow.application.submitted.v1.json',
    );
  });

  it.each(['workflow.application.submitted', 'gov.onewindow.workflow.application.submitted', 'gov.onewindow.Workflow.a.b.v1', 'gov.onewindow.w.a.b.v0'])(
    'refuses the malformed type name %s',
    (type) => {
      expect(() => defineEvent({ type, description: '', schema: { type: 'object' } })).toThrow(EventDefinitionError);
    },
  );

  it('refuses a type defined twice in one catalog', () => {
    expect(() => catalogOf([submitted, submitted])).toThrow(/defined twice/);
  });
});

describe('toAsyncApi', () => {
  it('puts each type on its aggregate channel with its payload schema', () => {
    const doc = toAsyncApi(catalogOf([submitted]), { version: '1.0.0' }) as {
      channels: Record<string, { address: string; messages: Record<string, unknown> }>;
      components: { messages: Record<string, { payload: { schema: unknown } }> };
    };
    expect(doc.channels['onewindow.workflow.application']?.address).toBe('onewindow.workflow.application');
    expect(Object.keys(doc.channels['onewindow.workflow.application']?.messages ?? {})).toEqual([submitted.type]);
    expect(doc.components.messages[submitted.type]?.payload.schema).toBe(submitted.schema);
  });
});

describe('the published AsyncAPI document', () => {
  it('matches the catalog (run `npm run docs:events` after changing an event)', () => {
    const published: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../../../docs/events/asyncapi.json'), 'utf8'),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(toAsyncApi(eventCatalog, { version: '0.1.0' }))));
  });
});

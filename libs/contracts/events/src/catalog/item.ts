import { defineEvent } from '../define-event';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const texts = (maxItems: number, maxLength: number) => ({ type: 'array', maxItems, items: text(maxLength) }) as const;

const ITEM_TYPES = [
  'LICENSING',
  'PENALTY',
  'ENFORCEMENT',
  'LEVY',
  'PAYMENT',
  'INSPECTION',
  'CONFIRMATION',
  'AWARD',
  'ADJUDICATION',
  'OTHER_POWER',
  'PUBLIC_SERVICE',
  'INTERMEDIARY_SERVICE',
  'INVESTMENT_NEGATIVE',
] as const;

const fen = { type: 'integer', minimum: 1, maximum: 1_000_000_000 } as const;

const departmentCode = { type: 'string', pattern: '^[0-9]{3}$' } as const;
const workingDays = { type: 'integer', minimum: 0, maximum: 365 } as const;

/** How cases of the version are processed (ADR 0030): stages in order, the tasks of a stage in parallel. */
const processSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'acceptance', 'preReviewDays', 'stages'],
  description:
    'Process definition. Present in every version published since ADR 0030 (the default one when the author gave none: one REVIEW stage by the owning department, none for an instant item).',
  properties: {
    version: { type: 'integer', const: 1 },
    acceptance: {
      type: 'object',
      additionalProperties: false,
      required: ['roles'],
      properties: { roles: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: ['window_clerk', 'system'] } } },
    },
    preReviewDays: { ...workingDays, description: 'Time limit for online pre-review, in working days' },
    stages: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'days', 'tasks'],
        properties: {
          name: text(50),
          days: { ...workingDays, description: 'Time limit of the stage in working days, from the day it opens' },
          tasks: {
            type: 'array',
            minItems: 1,
            maxItems: 10,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['departmentCode', 'kind', 'role'],
              properties: {
                departmentCode,
                kind: { type: 'string', enum: ['REVIEW', 'JOINT_INSPECTION'] },
                role: { type: 'string', enum: ['department_reviewer', 'department_admin'] },
                withDepartments: { type: 'array', minItems: 1, maxItems: 10, items: departmentCode },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The service guide of one published version: the whole of it, so consumers keep local copies. */
const contentSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'aliases',
    'keywords',
    'legalBasis',
    'onlineLevel',
    'instant',
    'statutoryDays',
    'promisedDays',
    'fee',
    'conditions',
    'materials',
    'steps',
    'reviewRules',
    'servicePoints',
    'lifeEvents',
    'themes',
    'faqs',
    'complaintChannels',
    'responsibilities',
  ],
  properties: {
    name: text(100),
    aliases: texts(20, 100),
    keywords: texts(30, 50),
    legalBasis: texts(30, 500),
    onlineLevel: { type: 'string', enum: ['ZERO_TRIP', 'ONE_TRIP', 'ON_SITE'] },
    instant: { type: 'boolean' },
    statutoryDays: { type: 'integer', minimum: 0, maximum: 365 },
    promisedDays: { type: 'integer', minimum: 0, maximum: 365 },
    fee: {
      description: 'Amounts in fen (1/100 yuan).',
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { type: 'string', const: 'NONE' } } },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'name', 'amountFen', 'legalBasis'],
          properties: { kind: { type: 'string', const: 'FIXED' }, name: text(100), amountFen: fen, legalBasis: text(500) },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'name', 'unit', 'amountFenPerUnit', 'legalBasis'],
          properties: {
            kind: { type: 'string', const: 'PER_UNIT' },
            name: text(100),
            unit: text(20),
            amountFenPerUnit: fen,
            maxUnits: { type: 'integer', minimum: 1 },
            legalBasis: text(500),
          },
        },
      ],
    },
    conditions: texts(50, 1000),
    materials: {
      type: 'array',
      maxItems: 60,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'form', 'copies', 'originalRequired', 'source'],
        properties: {
          name: text(200),
          form: { type: 'string', enum: ['PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC'] },
          copies: { type: 'integer', minimum: 0, maximum: 20 },
          originalRequired: { type: 'boolean' },
          blankFormUrl: { type: 'string', format: 'uri', maxLength: 500 },
          sampleUrl: { type: 'string', format: 'uri', maxLength: 500 },
          source: { type: 'string', enum: ['APPLICANT', 'E_LICENCE', 'DEPARTMENT_DATA', 'RETAINED_PROOF'] },
          licenceType: text(64),
          dataResource: text(64),
          proofCode: text(32),
        },
      },
    },
    steps: texts(30, 1000),
    reviewRules: texts(60, 1000),
    servicePoints: {
      type: 'array',
      maxItems: 4,
      items: { type: 'string', enum: ['COUNTY_HALL', 'TOWNSHIP_CENTRE', 'COMMUNITY_POINT', 'KIOSK'] },
    },
    hallWindow: { type: 'string', enum: ['ENTERPRISE_LICENSING', 'SOCIAL_AFFAIRS', 'INVESTMENT_CONSTRUCTION'] },
    lifeEvents: texts(20, 50),
    themes: texts(20, 50),
    faqs: {
      type: 'array',
      maxItems: 30,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['question', 'answer'],
        properties: { question: text(500), answer: text(2000) },
      },
    },
    complaintChannels: texts(10, 200),
    result: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: text(100), eLicenceType: text(64) },
    },
    responsibilities: texts(30, 1000),
    negativeMeasure: text(1000),
    process: processSchema,
  },
} as const;

const itemVersionProperties = {
  code: {
    type: 'string',
    pattern: '^350123-[0-9]{3}-[0-9]{2}-[0-9]{4}-[0-9X]$',
    description: 'Item code: division-department-type-serial-check (ISO 7064 MOD 11-2).',
  },
  version: { type: 'integer', minimum: 1 },
  departmentCode: { type: 'string', pattern: '^[0-9]{3}$' },
  type: { type: 'string', enum: ITEM_TYPES },
  publishedAt: { type: 'string', format: 'date-time' },
  effectiveFrom: { type: 'string', format: 'date' },
  content: contentSchema,
} as const;

export const itemPublished = defineEvent({
  type: 'gov.onewindow.catalog.item.published.v1',
  description:
    'A version of a catalogue item was approved and published; it replaces any earlier published version of the item. Carries the whole guide so consumers (workflow, payments) keep local copies; cases keep the version they were filed under.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'version', 'departmentCode', 'type', 'publishedAt', 'effectiveFrom', 'content'],
    properties: { ...itemVersionProperties, previousVersion: { type: 'integer', minimum: 1 } },
  },
});

export const itemRetired = defineEvent({
  type: 'gov.onewindow.catalog.item.retired.v1',
  description:
    'A catalogue item was withdrawn: no new case may be filed under it. Carries the last published version, now retired.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'version', 'departmentCode', 'type', 'publishedAt', 'effectiveFrom', 'retiredAt', 'reason', 'content'],
    properties: { ...itemVersionProperties, retiredAt: { type: 'string', format: 'date-time' }, reason: text(500) },
  },
});

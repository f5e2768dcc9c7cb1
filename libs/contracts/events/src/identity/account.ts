import { defineEvent } from '../define-event';

/**
 * Events of the identity account aggregate (topic `onewindow.identity.account`, key = account id).
 * Payloads carry ids, kinds and assurance levels only: never ID numbers, names or phone numbers.
 */

const accountId = { type: 'string', format: 'uuid', description: 'The account (person, enterprise or staff member)' } as const;
const kind = { type: 'string', enum: ['person', 'enterprise', 'staff'] } as const;
const level = { type: 'string', enum: ['L1', 'L2', 'L3'], description: 'Real-name assurance level' } as const;

export const accountRegistered = defineEvent({
  type: 'gov.onewindow.identity.account.registered.v1',
  description: 'An account was registered (a person online, a staff member by an admin).',
  schema: {
    type: 'object',
    properties: {
      accountId,
      kind,
      assuranceLevel: level,
      organisationId: { type: 'string', description: 'Staff only: the organisation they act for' },
    },
    required: ['accountId', 'kind', 'assuranceLevel'],
    additionalProperties: false,
  },
});

export const accountAssuranceChanged = defineEvent({
  type: 'gov.onewindow.identity.account.assurance-changed.v1',
  description:
    'The real-name assurance level of an account changed: raised by a population-register match (L2), an in-person check or a certificate login (L3), or dropped by a name change.',
  schema: {
    type: 'object',
    properties: {
      accountId,
      previousLevel: level,
      assuranceLevel: level,
      method: { type: 'string', enum: ['self_asserted', 'population_register', 'in_person', 'certificate'] },
    },
    required: ['accountId', 'previousLevel', 'assuranceLevel', 'method'],
    additionalProperties: false,
  },
});

export const accountPhoneChanged = defineEvent({
  type: 'gov.onewindow.identity.account.phone-changed.v1',
  description: 'The holder changed the phone number of the account (the number itself is not in the event).',
  schema: { type: 'object', properties: { accountId }, required: ['accountId'], additionalProperties: false },
});

export const accountPasswordChanged = defineEvent({
  type: 'gov.onewindow.identity.account.password-changed.v1',
  description: 'The password of the account changed; every other session of the account was revoked.',
  schema: { type: 'object', properties: { accountId }, required: ['accountId'], additionalProperties: false },
});

export const accountNameChanged = defineEvent({
  type: 'gov.onewindow.identity.account.name-changed.v1',
  description: 'The name on the account changed (the name itself is not in the event); the assurance level dropped to L1.',
  schema: {
    type: 'object',
    properties: { accountId, assuranceLevel: level },
    required: ['accountId', 'assuranceLevel'],
    additionalProperties: false,
  },
});

export const accountDeregistered = defineEvent({
  type: 'gov.onewindow.identity.account.deregistered.v1',
  description: 'The account was closed: its tokens are revoked and its personal data is erased at `eraseAfter`.',
  schema: {
    type: 'object',
    properties: { accountId, kind, eraseAfter: { type: 'string', format: 'date-time' } },
    required: ['accountId', 'kind', 'eraseAfter'],
    additionalProperties: false,
  },
});

export const accountErased = defineEvent({
  type: 'gov.onewindow.identity.account.erased.v1',
  description: 'The retention period of a deregistered account ended and its personal data was erased; delete any copy you hold.',
  schema: {
    type: 'object',
    properties: { accountId, kind },
    required: ['accountId', 'kind'],
    additionalProperties: false,
  },
});

export const accountEvents = [
  accountRegistered,
  accountAssuranceChanged,
  accountPhoneChanged,
  accountPasswordChanged,
  accountNameChanged,
  accountDeregistered,
  accountErased,
] as const;

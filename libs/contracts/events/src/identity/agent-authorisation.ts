import { defineEvent } from '../define-event';

/**
 * Events of an enterprise's authorisation of a person to act for it (topic
 * `onewindow.identity.agent-authorisation`, key = authorisation id). Ids only, never names or numbers.
 */

const ids = {
  authorisationId: { type: 'string', format: 'uuid' },
  enterpriseId: { type: 'string', format: 'uuid', description: 'The enterprise account' },
  agentId: { type: 'string', format: 'uuid', description: 'The person account authorised to act for it' },
} as const;

export const agentAuthorisationGranted = defineEvent({
  type: 'gov.onewindow.identity.agent-authorisation.granted.v1',
  description: 'An enterprise authorised a person to act for it within scopes until an expiry.',
  schema: {
    type: 'object',
    properties: {
      ...ids,
      scopes: { type: 'array', items: { type: 'string' }, maxItems: 20 },
      expiresAt: { type: 'string', format: 'date-time' },
    },
    required: ['authorisationId', 'enterpriseId', 'agentId', 'scopes', 'expiresAt'],
    additionalProperties: false,
  },
});

export const agentAuthorisationRevoked = defineEvent({
  type: 'gov.onewindow.identity.agent-authorisation.revoked.v1',
  description: 'An enterprise withdrew a person’s authorisation; the person’s tokens were revoked.',
  schema: {
    type: 'object',
    properties: ids,
    required: ['authorisationId', 'enterpriseId', 'agentId'],
    additionalProperties: false,
  },
});

export const agentAuthorisationEvents = [agentAuthorisationGranted, agentAuthorisationRevoked] as const;

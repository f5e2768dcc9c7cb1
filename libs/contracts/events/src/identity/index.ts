import type { EventDefinition } from '../define-event';
import { accountEvents } from './account';
import { agentAuthorisationEvents } from './agent-authorisation';

/** Event types the identity service publishes (one file per aggregate in this folder). */
export const identityEvents = [...accountEvents, ...agentAuthorisationEvents] as const satisfies readonly EventDefinition[];

export {
  accountAssuranceChanged,
  accountDeregistered,
  accountErased,
  accountNameChanged,
  accountPasswordChanged,
  accountPhoneChanged,
  accountRegistered,
} from './account';
export { agentAuthorisationGranted, agentAuthorisationRevoked } from './agent-authorisation';

export {
  CASE_RULES,
  CaseRuleError,
  newCase,
  TERMINAL_STATUSES,
  transition,
  type CaseAction,
  type CaseActionType,
  type CaseEventName,
  type CaseRuleViolation,
  type CaseState,
  type CaseStatus,
  type Decision,
  type TaskState,
  type Transition,
  type WorkflowRole,
} from './case-state-machine';
export {
  chainAuditAct,
  GENESIS_HASH,
  hashAuditAct,
  verifyAuditChain,
  type AuditAct,
  type AuditChainBreak,
  type ChainedAuditAct,
} from './audit-chain';
export { COUNTY_HALL_WINDOWS, onlineIntakeWindow, tripsForIntake, type HallWindow } from './intake';

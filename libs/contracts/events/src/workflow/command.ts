import { defineEvent } from '../define-event';

/**
 * A department's own system decides its tasks by publishing to `onewindow.workflow.command`
 * (CloudEvents binary mode, key = application id, Kafka header `authorization: Bearer <service
 * token>`). The workflow answers each command on `onewindow.workflow.command-result`, key =
 * application id, with `commandId` = the command's `ce_id`. A department system that retries must
 * reuse the same `ce_id`: the workflow executes a command id once.
 */

const ids = {
  applicationId: { type: 'string', format: 'uuid' },
  taskId: { type: 'string', format: 'uuid' },
} as const;

export const decideTaskCommand = defineEvent({
  type: 'gov.onewindow.workflow.command.decide-task.v1',
  description:
    'Published by a department system (service account of the task’s department): approve or deny one review task of a case in review. Answered on onewindow.workflow.command-result.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['applicationId', 'taskId', 'decision'],
    properties: {
      ...ids,
      decision: { type: 'string', enum: ['APPROVED', 'DENIED'] },
      comment: { type: 'string', maxLength: 2000 },
    },
  },
});

const result = {
  commandId: { type: 'string', minLength: 1, maxLength: 200, description: 'ce_id of the command this answers' },
  ...ids,
  at: { type: 'string', format: 'date-time' },
} as const;

export const commandAccepted = defineEvent({
  type: 'gov.onewindow.workflow.command-result.accepted.v1',
  description: 'The command was executed: the task is decided (the usual workflow.application.* events follow on the case’s stream).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['commandId', 'applicationId', 'taskId', 'decision', 'status', 'at'],
    properties: {
      ...result,
      decision: { type: 'string', enum: ['APPROVED', 'DENIED'] },
      status: { type: 'string', description: 'Status of the case after the decision (IN_REVIEW or CONCLUDED)' },
    },
  },
});

export const COMMAND_REJECTION_REASONS = [
  'UNAUTHENTICATED',
  'TOKEN_REJECTED',
  'NOT_A_SERVICE_ACCOUNT',
  'DEPARTMENT_MISMATCH',
  'APPLICATION_NOT_FOUND',
  'TASK_NOT_FOUND',
  'TASK_ALREADY_DECIDED',
  'TASK_CLAIMED',
  'NOT_IN_REVIEW',
  'NOT_ALLOWED',
] as const;

export const commandRejected = defineEvent({
  type: 'gov.onewindow.workflow.command-result.rejected.v1',
  description: 'The command was refused and nothing changed; `reason` says why. Fix the cause and send a new command (new ce_id).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['commandId', 'applicationId', 'taskId', 'reason', 'at'],
    properties: {
      ...result,
      reason: { type: 'string', enum: COMMAND_REJECTION_REASONS },
      detail: { type: 'string', maxLength: 500 },
    },
  },
});

export const commandEvents = [decideTaskCommand, commandAccepted, commandRejected] as const;

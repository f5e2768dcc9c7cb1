import { defineEvent } from '../define-event';

/**
 * Events of the application (case, 申办件) aggregate: topic `onewindow.workflow.application`, key =
 * application id, so one case's events arrive in order. County departments subscribe to these.
 * Payloads carry ids, codes and states; never the applicant's name or ID number.
 */

const common = {
  applicationId: { type: 'string', format: 'uuid' },
  itemCode: { type: 'string', minLength: 1, maxLength: 32, description: 'Catalogue item code the case was filed under' },
  itemVersion: { type: 'integer', minimum: 1, description: 'Item version the case was filed under (kept for its whole life)' },
  status: {
    type: 'string',
    enum: ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'REFUSED', 'IN_REVIEW', 'PAUSED', 'APPROVED', 'DENIED', 'CONCLUDED', 'DELIVERED', 'WITHDRAWN'],
    description: 'Status of the case once the change that raised the event completed (one change may raise several events)',
  },
  at: { type: 'string', format: 'date-time' },
} as const;
const commonRequired = ['applicationId', 'itemCode', 'itemVersion', 'status', 'at'] as const;
const departmentCode = { type: 'string', pattern: '^[0-9]{3}$' } as const;
const civilDate = { type: 'string', format: 'date', description: 'A date in China Standard Time' } as const;

function applicationEvent<const TEvent extends string, const TExtra extends Record<string, object>, const TRequired extends readonly string[]>(
  event: TEvent,
  description: string,
  extra: TExtra,
  required: TRequired,
) {
  return defineEvent({
    type: `gov.onewindow.workflow.application.${event}.v1`,
    description,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { ...common, ...extra },
      required: [...commonRequired, ...required],
    },
  });
}

export const applicationSubmitted = applicationEvent(
  'submitted',
  'A case was submitted online by the applicant or an enterprise agent, or at a service point by a window clerk on the applicant’s behalf.',
  {
    channel: { type: 'string', enum: ['ONLINE', 'COUNTY_HALL', 'TOWNSHIP_CENTRE', 'COMMUNITY_POINT', 'KIOSK'] },
    servicePointId: { type: 'string', maxLength: 64 },
    applicantKind: { type: 'string', enum: ['person', 'enterprise'] },
    departmentCode,
  },
  ['channel', 'applicantKind', 'departmentCode'],
);

export const applicationSupplementRequested = applicationEvent(
  'supplement-requested',
  'The window asked for missing or faulty materials in one notice; the time limit stands still until resubmission.',
  { missing: { type: 'array', minItems: 1, maxItems: 60, items: { type: 'string', minLength: 1, maxLength: 200 } } },
  ['missing'],
);

export const applicationResubmitted = applicationEvent('resubmitted', 'The applicant supplied the requested materials; the clock runs again.', {}, []);

/** A department task as the item version's process definition laid it out (ADR 0030). */
const taskProperties = {
  taskId: { type: 'string', format: 'uuid' },
  departmentCode,
  kind: { type: 'string', enum: ['REVIEW', 'JOINT_INSPECTION'] },
  stage: { type: 'integer', minimum: 1, maximum: 10, description: 'Stages run in order; the tasks of one stage in parallel. Always sent since ADR 0030.' },
  status: { type: 'string', enum: ['PENDING', 'WAITING'], description: 'PENDING: open now; WAITING: opens with its stage. Always sent since ADR 0030.' },
  role: { type: 'string', enum: ['department_reviewer', 'department_admin'], description: 'Who in the department decides the task' },
  withDepartments: { type: 'array', maxItems: 10, items: departmentCode, description: 'JOINT_INSPECTION: the departments inspecting with the leader (单改综)' },
  dueDate: { ...civilDate, description: 'The task’s time limit: its stage’s working days from the day the stage opened' },
} as const;

export const applicationAccepted = applicationEvent(
  'accepted',
  'The window accepted the case (受理) and opened the tasks of the first stage of the item version’s process definition; later stages wait. The case due dates run from today.',
  {
    tasks: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['taskId', 'departmentCode', 'kind'],
        properties: taskProperties,
      },
    },
    statutoryDueDate: civilDate,
    promisedDueDate: civilDate,
  },
  ['tasks', 'statutoryDueDate', 'promisedDueDate'],
);

export const applicationRefused = applicationEvent(
  'refused',
  'The window refused to accept the case (不予受理), with reasons.',
  { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
  ['reason'],
);

export const applicationTaskDecided = applicationEvent(
  'task-decided',
  'A reviewing department decided its task.',
  { taskId: { type: 'string', format: 'uuid' }, departmentCode, decision: { type: 'string', enum: ['APPROVED', 'DENIED'] } },
  ['taskId', 'departmentCode', 'decision'],
);

export const applicationStageOpened = applicationEvent(
  'stage-opened',
  'Every task of the previous stage approved: the tasks of the next stage are open for decision from today.',
  {
    stage: { type: 'integer', minimum: 2, maximum: 10 },
    tasks: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['taskId', 'departmentCode', 'kind', 'stage', 'status', 'role', 'dueDate'],
        properties: taskProperties,
      },
    },
  },
  ['stage', 'tasks'],
);

export const applicationApproved = applicationEvent('approved', 'Every reviewing department approved (or the item is instant).', {}, []);

export const applicationDenied = applicationEvent(
  'denied',
  'A reviewing department denied the case; the other open tasks were cancelled.',
  { departmentCode },
  ['departmentCode'],
);

export const applicationConcluded = applicationEvent(
  'concluded',
  'The case was concluded (办结) with its decision; payments and the licence store act on this.',
  { decision: { type: 'string', enum: ['APPROVED', 'DENIED'] }, onTime: { type: 'boolean' } },
  ['decision', 'onTime'],
);

export const applicationWithdrawn = applicationEvent('withdrawn', 'The applicant withdrew the case before a decision.', {}, []);

export const applicationDelivered = applicationEvent(
  'delivered',
  'The result reached the applicant: picked up at a window (a trip), sent by courier or delivered electronically.',
  {
    deliveryMethod: { type: 'string', enum: ['PICKUP', 'COURIER', 'ELECTRONIC'] },
    trips: { type: 'integer', minimum: 0, description: 'Trips the applicant made in person for the whole case' },
  },
  ['deliveryMethod', 'trips'],
);

const supervision = {
  promisedDueDate: civilDate,
  statutoryDueDate: civilDate,
  openDepartments: { type: 'array', maxItems: 20, items: departmentCode, description: 'Departments whose tasks are still open' },
} as const;

export const applicationDueSoon = applicationEvent(
  'due-soon',
  'E-supervision yellow signal: the promised time limit ends on the next working day and the case is still in review.',
  supervision,
  ['promisedDueDate', 'statutoryDueDate', 'openDepartments'],
);

export const applicationOverdue = applicationEvent(
  'overdue',
  'E-supervision red signal: the promised time limit has passed and the case is still in review.',
  supervision,
  ['promisedDueDate', 'statutoryDueDate', 'openDepartments'],
);

const pauseKind = {
  type: 'string',
  enum: ['EXPERT_REVIEW', 'HEARING'],
  description: 'EXPERT_REVIEW (专家评审) or HEARING (听证): time the law excludes from the limit',
} as const;
const dueDates = { statutoryDueDate: civilDate, promisedDueDate: civilDate } as const;
const reasonText = { type: 'string', minLength: 1, maxLength: 1000 } as const;

export const applicationPaused = applicationEvent(
  'paused',
  'A reviewing department paused the review for an expert review or a hearing; the time limits stand still and no task is decided until it resumes.',
  { kind: pauseKind, reason: reasonText, departmentCode, startedOn: civilDate, ...dueDates },
  ['kind', 'reason', 'departmentCode', 'startedOn', 'statutoryDueDate', 'promisedDueDate'],
);

export const applicationResumed = applicationEvent(
  'resumed',
  'The department that paused the review resumed it; the due dates moved by the working days paused.',
  {
    kind: pauseKind,
    departmentCode,
    startedOn: civilDate,
    endedOn: civilDate,
    pausedWorkingDays: { type: 'integer', minimum: 0, description: 'Working days the limits stood still' },
    ...dueDates,
  },
  ['kind', 'departmentCode', 'startedOn', 'endedOn', 'pausedWorkingDays', 'statutoryDueDate', 'promisedDueDate'],
);

const extension = {
  extensionId: { type: 'string', format: 'uuid' },
  days: { type: 'integer', minimum: 1, description: 'Working days asked for (at most the item’s statutory days)' },
} as const;

export const applicationExtensionRequested = applicationEvent(
  'extension-requested',
  'A reviewer asked to extend the time limit; a department admin of the owning department or a supervisor decides.',
  { ...extension, reason: reasonText, departmentCode },
  ['extensionId', 'days', 'reason', 'departmentCode'],
);

export const applicationExtended = applicationEvent(
  'extended',
  'The extension was approved (once per case); the statutory and promised due dates moved by its working days.',
  { ...extension, ...dueDates },
  ['extensionId', 'days', 'statutoryDueDate', 'promisedDueDate'],
);

export const applicationExtensionRejected = applicationEvent(
  'extension-rejected',
  'The extension was rejected; the due dates stand.',
  { ...extension, comment: { type: 'string', maxLength: 2000 } },
  ['extensionId', 'days'],
);

export const applicationEvents = [
  applicationSubmitted,
  applicationSupplementRequested,
  applicationResubmitted,
  applicationAccepted,
  applicationRefused,
  applicationTaskDecided,
  applicationStageOpened,
  applicationApproved,
  applicationDenied,
  applicationConcluded,
  applicationWithdrawn,
  applicationDelivered,
  applicationDueSoon,
  applicationOverdue,
  applicationPaused,
  applicationResumed,
  applicationExtensionRequested,
  applicationExtended,
  applicationExtensionRejected,
] as const;

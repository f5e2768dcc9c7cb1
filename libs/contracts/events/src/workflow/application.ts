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
    enum: ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'REFUSED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'CONCLUDED', 'DELIVERED', 'WITHDRAWN'],
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

export const applicationAccepted = applicationEvent(
  'accepted',
  'The window accepted the case (受理) and opened one task per reviewing department; the due dates run from today.',
  {
    tasks: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['taskId', 'departmentCode', 'kind'],
        properties: { taskId: { type: 'string', format: 'uuid' }, departmentCode, kind: { type: 'string', enum: ['REVIEW', 'JOINT_INSPECTION'] } },
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

export const applicationEvents = [
  applicationSubmitted,
  applicationSupplementRequested,
  applicationResubmitted,
  applicationAccepted,
  applicationRefused,
  applicationTaskDecided,
  applicationApproved,
  applicationDenied,
  applicationConcluded,
  applicationWithdrawn,
  applicationDelivered,
  applicationDueSoon,
  applicationOverdue,
] as const;

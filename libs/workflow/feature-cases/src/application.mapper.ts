import type { Application } from '@onewindow/workflow/data-access';
import type { ApplicationResponse } from './application.dto';

/** Applicant ids stay out of responses: the caller knows them, staff see them through identity. */
export function toApplicationResponse(application: Application): ApplicationResponse {
  return {
    id: application.id,
    itemCode: application.itemCode,
    itemVersion: application.itemVersion,
    departmentCode: application.departmentCode,
    channel: application.channel,
    servicePointId: application.servicePointId,
    status: application.status,
    decision: application.decision,
    missingMaterials: application.missingMaterials,
    supplementRounds: application.supplementRounds,
    trips: application.trips,
    statutoryDueDate: application.statutoryDueDate,
    promisedDueDate: application.promisedDueDate,
    submittedAt: application.submittedAt.toISOString(),
    acceptedAt: application.acceptedAt?.toISOString() ?? null,
    concludedAt: application.concludedAt?.toISOString() ?? null,
    tasks: application.tasks.map((t) => ({
      id: t.id,
      departmentCode: t.departmentId,
      kind: t.kind,
      status: t.status,
      stage: t.stage,
      role: t.role ?? 'department_reviewer',
      ...(t.withDepartments ? { withDepartments: [...t.withDepartments] } : {}),
      dueDate: t.dueDate,
      claimed: t.claimedBy !== null,
    })),
  };
}

import type { ApplicationExtension } from '@onewindow/workflow/data-access';
import type { ExtensionResponse } from './time-limits.dto';

/** Who requested and decided stays out: staff ids are for the audit trail. */
export function toExtensionResponse(extension: ApplicationExtension): ExtensionResponse {
  return {
    id: extension.id,
    applicationId: extension.applicationId,
    days: extension.days,
    reason: extension.reason,
    departmentCode: extension.departmentCode,
    status: extension.status,
    requestedAt: extension.requestedAt.toISOString(),
    decidedAt: extension.decidedAt?.toISOString() ?? null,
    comment: extension.comment,
  };
}

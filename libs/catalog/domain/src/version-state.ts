import { CatalogErrorCode, CatalogRuleError } from './catalog-error';

export enum VersionState {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}

export enum VersionAction {
  SUBMIT = 'SUBMIT',
  REJECT = 'REJECT',
  APPROVE = 'APPROVE',
  RETIRE = 'RETIRE',
}

const TRANSITIONS: Readonly<Record<VersionAction, { from: VersionState; to: VersionState }>> = {
  [VersionAction.SUBMIT]: { from: VersionState.DRAFT, to: VersionState.IN_REVIEW },
  [VersionAction.REJECT]: { from: VersionState.IN_REVIEW, to: VersionState.DRAFT },
  [VersionAction.APPROVE]: { from: VersionState.IN_REVIEW, to: VersionState.PUBLISHED },
  [VersionAction.RETIRE]: { from: VersionState.PUBLISHED, to: VersionState.RETIRED },
};

/** The state after `action`, or a rule error naming the current state. */
export function transition(state: VersionState, action: VersionAction): VersionState {
  const rule = TRANSITIONS[action];
  if (rule.from !== state) {
    throw new CatalogRuleError(
      CatalogErrorCode.INVALID_VERSION_TRANSITION,
      `Cannot ${action.toLowerCase()} a version that is ${state}; it must be ${rule.from}`,
    );
  }
  return rule.to;
}

/** Only a draft's content may change; a published (or retired) version is immutable forever. */
export function assertEditable(state: VersionState, version: number): void {
  if (state !== VersionState.DRAFT) {
    throw new CatalogRuleError(
      CatalogErrorCode.VERSION_NOT_EDITABLE,
      `Version ${version} is ${state} and cannot be edited; ${state === VersionState.IN_REVIEW ? 'wait for the review' : 'start a new draft'}`,
    );
  }
}

/** A new draft may start only when the item has no version still open (draft or in review). */
export function assertCanStartDraft(states: readonly VersionState[]): void {
  if (states.some((s) => s === VersionState.DRAFT || s === VersionState.IN_REVIEW)) {
    throw new CatalogRuleError(CatalogErrorCode.OPEN_DRAFT_EXISTS, 'The item already has a draft or a version in review');
  }
}

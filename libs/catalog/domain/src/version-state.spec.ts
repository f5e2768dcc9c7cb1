import { CatalogErrorCode, CatalogRuleError } from './catalog-error';
import { assertCanStartDraft, assertEditable, transition, VersionAction, VersionState } from './version-state';

const { DRAFT, IN_REVIEW, PUBLISHED, RETIRED } = VersionState;

describe('version state machine', () => {
  it('goes draft → in review → published → retired, and back to draft on rejection', () => {
    expect(transition(DRAFT, VersionAction.SUBMIT)).toBe(IN_REVIEW);
    expect(transition(IN_REVIEW, VersionAction.REJECT)).toBe(DRAFT);
    expect(transition(IN_REVIEW, VersionAction.APPROVE)).toBe(PUBLISHED);
    expect(transition(PUBLISHED, VersionAction.RETIRE)).toBe(RETIRED);
  });

  it.each([
    [DRAFT, VersionAction.APPROVE],
    [DRAFT, VersionAction.RETIRE],
    [PUBLISHED, VersionAction.SUBMIT],
    [PUBLISHED, VersionAction.APPROVE],
    [RETIRED, VersionAction.SUBMIT],
    [RETIRED, VersionAction.RETIRE],
  ])('refuses from %s the action %s', (state, action) => {
    expect(() => transition(state, action)).toThrow(
      expect.objectContaining({ code: CatalogErrorCode.INVALID_VERSION_TRANSITION }) as CatalogRuleError,
    );
  });

  it('lets only drafts be edited', () => {
    expect(() => assertEditable(DRAFT, 1)).not.toThrow();
    for (const state of [IN_REVIEW, PUBLISHED, RETIRED]) {
      expect(() => assertEditable(state, 2)).toThrow(expect.objectContaining({ code: CatalogErrorCode.VERSION_NOT_EDITABLE }) as CatalogRuleError);
    }
  });

  it('starts a new draft only when no version is open', () => {
    expect(() => assertCanStartDraft([RETIRED, PUBLISHED])).not.toThrow();
    expect(() => assertCanStartDraft([PUBLISHED, IN_REVIEW])).toThrow(expect.objectContaining({ code: CatalogErrorCode.OPEN_DRAFT_EXISTS }) as CatalogRuleError);
  });
});

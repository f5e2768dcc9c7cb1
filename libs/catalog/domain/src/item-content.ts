import { defaultProcessDefinition, ProcessDefinition, processDefinitionViolations } from '@onewindow/domain/process-definition';
import { FeeRule, feeRuleViolations, RuleViolation } from './fee-rule';
import { HallWindow, ItemType, MaterialForm, MaterialSource, OnlineLevel, POWER_TYPES, ServicePointKind } from './item-types';

export interface Material {
  name: string;
  form: MaterialForm;
  copies: number;
  originalRequired: boolean;
  blankFormUrl?: string;
  sampleUrl?: string;
  source: MaterialSource;
  /** For `E_LICENCE`: the licence type read from the store. */
  licenceType?: string;
  /** For `DEPARTMENT_DATA`: the sharing resource that supplies it. */
  dataResource?: string;
  /** For `RETAINED_PROOF`: the code on the retained-proof list. */
  proofCode?: string;
}

export interface Faq {
  question: string;
  answer: string;
}

export interface ItemResult {
  name: string;
  /** The e-licence type issued into the licence store, when the result is a licence. */
  eLicenceType?: string;
}

/** A service guide (办事指南) and review rules: the content of one version of an item. */
export interface ItemContent {
  name: string;
  aliases: string[];
  keywords: string[];
  legalBasis: string[];
  onlineLevel: OnlineLevel;
  instant: boolean;
  statutoryDays: number;
  promisedDays: number;
  fee: FeeRule;
  conditions: string[];
  materials: Material[];
  steps: string[];
  reviewRules: string[];
  servicePoints: ServicePointKind[];
  hallWindow?: HallWindow;
  lifeEvents: string[];
  themes: string[];
  faqs: Faq[];
  complaintChannels: string[];
  result?: ItemResult;
  /** For powers: what the department answers for (责任事项), shown in the responsibility list. */
  responsibilities: string[];
  /** For the investment negative list: the measure (prohibited / restricted and how). */
  negativeMeasure?: string;
  /**
   * How cases are processed: acceptance, stages of department tasks, time per stage (ADR 0030).
   * Optional in a draft; every published version carries one (the default when the author gave none).
   */
  process?: ProcessDefinition;
}

/** Rules across fields that field-level validation cannot see; fields are relative to `prefix`. */
export function itemContentViolations(type: ItemType, content: ItemContent, prefix = 'content'): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const at = (field: string, reason: string) => violations.push({ field: `${prefix}.${field}`, reason });
  violations.push(...feeRuleViolations(content.fee, `${prefix}.fee`));
  if (content.promisedDays > content.statutoryDays) at('promisedDays', 'must not exceed statutoryDays');
  if (content.instant && content.promisedDays !== 0) at('promisedDays', 'must be 0 for an instant item');
  content.materials.forEach((material, i) => {
    const field = (name: string) => `materials[${i}].${name}`;
    const needs: Partial<Record<MaterialSource, keyof Material>> = {
      [MaterialSource.E_LICENCE]: 'licenceType',
      [MaterialSource.DEPARTMENT_DATA]: 'dataResource',
      [MaterialSource.RETAINED_PROOF]: 'proofCode',
    };
    for (const [source, key] of Object.entries(needs) as Array<[MaterialSource, keyof Material]>) {
      if (material.source === source && !material[key]) at(field(key), `is required when source is ${source}`);
      if (material.source !== source && material[key] !== undefined) at(field(key), `is only allowed when source is ${source}`);
    }
  });
  const names = content.materials.map((m) => m.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) at(`materials[${i}].name`, 'must be unique within the item');
  });
  if (content.negativeMeasure !== undefined && type !== ItemType.INVESTMENT_NEGATIVE) {
    at('negativeMeasure', 'is only allowed for INVESTMENT_NEGATIVE items');
  }
  if (type === ItemType.INVESTMENT_NEGATIVE && !content.negativeMeasure) at('negativeMeasure', 'is required for INVESTMENT_NEGATIVE items');
  if (content.responsibilities.length > 0 && !POWER_TYPES.includes(type)) at('responsibilities', 'are only allowed for administrative powers');
  if (content.hallWindow !== undefined && !content.servicePoints.includes(ServicePointKind.COUNTY_HALL)) {
    at('hallWindow', 'needs COUNTY_HALL among servicePoints');
  }
  return violations;
}

/**
 * The process definition a version is published with: the author's, or the default one for the item
 * (ADR 0030), with every rule it breaks for an item of `departmentCode` named under `prefix`. The
 * definition is checked when the version is published, not while it is a draft being written.
 */
export function processAtPublication(
  departmentCode: string,
  content: ItemContent,
  prefix = 'content.process',
): { process: ProcessDefinition; violations: RuleViolation[] } {
  const item = { departmentCode, instant: content.instant, promisedDays: content.promisedDays, statutoryDays: content.statutoryDays };
  if (!content.process) return { process: defaultProcessDefinition(item), violations: [] };
  const violations = processDefinitionViolations(content.process, item, prefix).map((v) => ({ field: v.field, reason: v.message }));
  return { process: content.process, violations };
}

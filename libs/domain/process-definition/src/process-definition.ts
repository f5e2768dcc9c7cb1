import { departmentByCode } from '@onewindow/domain/county';

/**
 * How the cases of one item version are processed (ADR 0030): who may accept, the time allowed for
 * online pre-review, and the review stages. Stages run one after another; the tasks of one stage run
 * at the same time ("串改并"): the stage joins when every task approves, and any denial denies the case.
 * A JOINT_INSPECTION task is one site visit by several departments together ("单改综"), led by its
 * `departmentCode`. The catalogue carries the definition in the item version it publishes; the
 * workflow routes and times each case by the version it was filed under.
 */

export const ACCEPTANCE_ROLES = ['window_clerk', 'system'] as const;
export const TASK_KINDS = ['REVIEW', 'JOINT_INSPECTION'] as const;
export const TASK_ROLES = ['department_reviewer', 'department_admin'] as const;

export type AcceptanceRole = (typeof ACCEPTANCE_ROLES)[number];
export type StageTaskKind = (typeof TASK_KINDS)[number];
export type StageTaskRole = (typeof TASK_ROLES)[number];

export const PROCESS_LIMITS = {
  stages: 10,
  tasksPerStage: 10,
  withDepartments: 10,
  stageNameLength: 50,
  days: 365,
} as const;

export interface StageTask {
  /** Three-digit county department code (`@onewindow/domain/county`). */
  departmentCode: string;
  kind: StageTaskKind;
  /** Who in the department decides the task. */
  role: StageTaskRole;
  /** JOINT_INSPECTION only: the departments inspecting together with the leading one. */
  withDepartments?: string[];
}

export interface Stage {
  name: string;
  /** Time limit of the stage in working days, counted from the day it opens. */
  days: number;
  tasks: StageTask[];
}

export interface ProcessDefinition {
  version: 1;
  acceptance: { roles: AcceptanceRole[] };
  /** Time limit for online pre-review (the case is SUBMITTED) in working days. */
  preReviewDays: number;
  stages: Stage[];
}

/** The facts of an item version a definition must fit. */
export interface ProcessItem {
  departmentCode: string;
  instant: boolean;
  promisedDays: number;
}

export interface ProcessViolation {
  field: string;
  message: string;
}

/**
 * The definition of an item that names none: accepted at a window, then one review by the owning
 * department in the promised time; an instant item (即办件) has no stages.
 */
export function defaultProcessDefinition(item: ProcessItem): ProcessDefinition {
  return {
    version: 1,
    acceptance: { roles: ['window_clerk'] },
    preReviewDays: 0,
    stages: item.instant
      ? []
      : [{ name: '审查', days: item.promisedDays, tasks: [{ departmentCode: item.departmentCode, kind: 'REVIEW', role: 'department_reviewer' }] }],
  };
}

const isDays = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= PROCESS_LIMITS.days;
const isKnownDepartment = (code: unknown): boolean => typeof code === 'string' && departmentByCode(code) !== undefined;

/**
 * Every rule `definition` breaks for `item`, each naming its field under `prefix`; empty when it is
 * sound. (promisedDays against statutoryDays is the item's own rule, checked with the rest of its content.)
 */
export function processDefinitionViolations(
  definition: ProcessDefinition,
  item: ProcessItem & { statutoryDays?: number },
  prefix = 'content.process',
): ProcessViolation[] {
  const violations: ProcessViolation[] = [];
  const at = (field: string, message: string) => violations.push({ field: field ? `${prefix}.${field}` : prefix, message });

  if (definition.version !== 1) at('version', 'must be 1');
  const roles = definition.acceptance?.roles ?? [];
  if (roles.length === 0) at('acceptance.roles', 'must name at least one role');
  roles.forEach((role, i) => {
    if (!ACCEPTANCE_ROLES.includes(role)) at(`acceptance.roles[${i}]`, `must be one of ${ACCEPTANCE_ROLES.join(', ')}`);
    if (roles.indexOf(role) !== i) at(`acceptance.roles[${i}]`, 'must not repeat a role');
  });
  if (!isDays(definition.preReviewDays)) at('preReviewDays', `must be a whole number of working days from 0 to ${PROCESS_LIMITS.days}`);

  const stages = definition.stages ?? [];
  if (item.instant && stages.length > 0) at('stages', 'must be empty for an instant item');
  if (!item.instant && stages.length === 0) at('stages', 'must have at least one stage for an item that is not instant');
  if (stages.length > PROCESS_LIMITS.stages) at('stages', `must have at most ${PROCESS_LIMITS.stages} stages`);

  stages.forEach((stage, s) => {
    const field = (name: string) => `stages[${s}].${name}`;
    const name = typeof stage.name === 'string' ? stage.name.trim() : '';
    if (name.length === 0 || stage.name.length > PROCESS_LIMITS.stageNameLength) {
      at(field('name'), `must be 1 to ${PROCESS_LIMITS.stageNameLength} characters`);
    }
    if (!isDays(stage.days)) at(field('days'), `must be a whole number of working days from 0 to ${PROCESS_LIMITS.days}`);
    const tasks = stage.tasks ?? [];
    if (tasks.length === 0) at(field('tasks'), 'must have at least one task');
    if (tasks.length > PROCESS_LIMITS.tasksPerStage) at(field('tasks'), `must have at most ${PROCESS_LIMITS.tasksPerStage} tasks`);
    const codes = tasks.map((t) => t.departmentCode);
    tasks.forEach((task, t) => {
      const taskField = (name: string) => field(`tasks[${t}].${name}`);
      if (!isKnownDepartment(task.departmentCode)) at(taskField('departmentCode'), 'must be a county department code');
      else if (codes.indexOf(task.departmentCode) !== t) at(taskField('departmentCode'), 'must not appear twice in one stage');
      if (!TASK_KINDS.includes(task.kind)) at(taskField('kind'), `must be one of ${TASK_KINDS.join(', ')}`);
      if (!TASK_ROLES.includes(task.role)) at(taskField('role'), `must be one of ${TASK_ROLES.join(', ')}`);
      if (task.kind === 'JOINT_INSPECTION') {
        const partners = task.withDepartments ?? [];
        if (partners.length === 0) at(taskField('withDepartments'), 'must name the departments inspecting together with the leader');
        if (partners.length > PROCESS_LIMITS.withDepartments) at(taskField('withDepartments'), `must name at most ${PROCESS_LIMITS.withDepartments} departments`);
        partners.forEach((code, p) => {
          const partnerField = taskField(`withDepartments[${p}]`);
          if (!isKnownDepartment(code)) at(partnerField, 'must be a county department code');
          else if (code === task.departmentCode) at(partnerField, 'must not be the leading department');
          else if (partners.indexOf(code) !== p) at(partnerField, 'must not repeat a department');
        });
      } else if (task.withDepartments !== undefined) {
        at(taskField('withDepartments'), 'is only allowed for a JOINT_INSPECTION task');
      }
    });
  });

  if (!item.instant && stages.length > 0) {
    const total = (isDays(definition.preReviewDays) ? definition.preReviewDays : 0) + stages.reduce((sum, s) => sum + (isDays(s.days) ? s.days : 0), 0);
    if (total > item.promisedDays) {
      at('stages', `need ${total} working days with pre-review, more than the ${item.promisedDays} promised`);
    }
    if (!stages.some((s) => (s.tasks ?? []).some((t) => t.departmentCode === item.departmentCode))) {
      at('stages', `must give the owning department ${item.departmentCode} a task in some stage`);
    }
  }
  return violations;
}

/** One task to open for a case, with the number (from 1) of the stage it belongs to. */
export interface StagedTask extends StageTask {
  stage: number;
}

/** The tasks of every stage, in order, each with its stage number. */
export function stagedTasks(definition: ProcessDefinition): StagedTask[] {
  return definition.stages.flatMap((stage, s) => stage.tasks.map((task) => ({ ...task, stage: s + 1 })));
}

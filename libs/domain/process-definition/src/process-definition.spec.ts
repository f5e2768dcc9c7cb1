import { LUOYUAN_DEPARTMENTS } from '@onewindow/domain/county';
import fc from 'fast-check';
import { defaultProcessDefinition, ProcessDefinition, processDefinitionViolations, stagedTasks } from './process-definition';

const foodLicence = { departmentCode: '010', instant: false, promisedDays: 5, statutoryDays: 20 };

/** 食品经营许可: market regulation reviews, then leads a joint site inspection with health (单改综). */
const foodLicenceProcess: ProcessDefinition = {
  version: 1,
  acceptance: { roles: ['window_clerk'] },
  preReviewDays: 1,
  stages: [
    { name: '材料审查', days: 2, tasks: [{ departmentCode: '010', kind: 'REVIEW', role: 'department_reviewer' }] },
    {
      name: '联合现场核查',
      days: 2,
      tasks: [{ departmentCode: '010', kind: 'JOINT_INSPECTION', role: 'department_admin', withDepartments: ['009'] }],
    },
  ],
};

const fieldsOf = (definition: ProcessDefinition, item = foodLicence) => processDefinitionViolations(definition, item).map((v) => v.field).sort();

describe('process definitions', () => {
  it('accepts a review stage followed by a joint inspection', () => {
    expect(processDefinitionViolations(foodLicenceProcess, foodLicence)).toEqual([]);
  });

  it('gives a licensing item one review by its own department in the promised time, and an instant item none', () => {
    expect(defaultProcessDefinition(foodLicence)).toEqual({
      version: 1,
      acceptance: { roles: ['window_clerk'] },
      preReviewDays: 0,
      stages: [{ name: '审查', days: 5, tasks: [{ departmentCode: '010', kind: 'REVIEW', role: 'department_reviewer' }] }],
    });
    expect(defaultProcessDefinition({ departmentCode: '006', instant: true, promisedDays: 0 }).stages).toEqual([]);
  });

  it('numbers the tasks by stage', () => {
    expect(stagedTasks(foodLicenceProcess).map((t) => [t.stage, t.departmentCode, t.kind])).toEqual([
      [1, '010', 'REVIEW'],
      [2, '010', 'JOINT_INSPECTION'],
    ]);
  });

  it('names every broken rule by its field', () => {
    const broken: ProcessDefinition = {
      version: 1,
      acceptance: { roles: ['window_clerk', 'window_clerk'] },
      preReviewDays: 1,
      stages: [
        {
          name: '  ',
          days: 3,
          tasks: [
            { departmentCode: '003', kind: 'REVIEW', role: 'department_reviewer' },
            { departmentCode: '099', kind: 'REVIEW', role: 'department_reviewer' },
            { departmentCode: '003', kind: 'REVIEW', role: 'department_reviewer', withDepartments: ['009'] },
          ],
        },
        { name: '现场核查', days: 2, tasks: [] },
        {
          name: '联合核查',
          days: 1,
          tasks: [{ departmentCode: '008', kind: 'JOINT_INSPECTION', role: 'supervisor' as never, withDepartments: ['008', '999'] }],
        },
      ],
    };
    expect(fieldsOf(broken)).toEqual([
      'content.process.acceptance.roles[1]',
      'content.process.stages',
      'content.process.stages',
      'content.process.stages[0].name',
      'content.process.stages[0].tasks[1].departmentCode',
      'content.process.stages[0].tasks[2].departmentCode',
      'content.process.stages[0].tasks[2].withDepartments',
      'content.process.stages[1].tasks',
      'content.process.stages[2].tasks[0].role',
      'content.process.stages[2].tasks[0].withDepartments[0]',
      'content.process.stages[2].tasks[0].withDepartments[1]',
    ]);
    const messages = processDefinitionViolations(broken, foodLicence).filter((v) => v.field === 'content.process.stages').map((v) => v.message);
    expect(messages).toEqual([expect.stringContaining('more than the 5 promised'), expect.stringContaining('owning department 010')]);
  });

  it('refuses stages for an instant item, no stage for one that is not, a joint inspection alone, and too many stages', () => {
    expect(fieldsOf(foodLicenceProcess, { ...foodLicence, instant: true, promisedDays: 0 })).toContain('content.process.stages');
    expect(fieldsOf({ ...foodLicenceProcess, stages: [] })).toEqual(['content.process.stages']);
    const alone = structuredClone(foodLicenceProcess);
    delete alone.stages[1]?.tasks[0]?.withDepartments;
    expect(fieldsOf(alone)).toEqual(['content.process.stages[1].tasks[0].withDepartments']);
    const review = { name: '审查', days: 0, tasks: [{ departmentCode: '010', kind: 'REVIEW' as const, role: 'department_reviewer' as const }] };
    const eleven = { ...foodLicenceProcess, preReviewDays: 0, stages: Array.from({ length: 11 }, () => review) };
    expect(fieldsOf(eleven)).toEqual(['content.process.stages']);
    expect(fieldsOf({ ...foodLicenceProcess, acceptance: { roles: [] } })).toEqual(['content.process.acceptance.roles']);
  });

  describe('properties', () => {
    const codes = LUOYUAN_DEPARTMENTS.map((d) => d.code);
    const item = fc.record({
      departmentCode: fc.constantFrom(...codes),
      instant: fc.boolean(),
      promisedDays: fc.integer({ min: 0, max: 365 }),
    }).map((i) => ({ ...i, promisedDays: i.instant ? 0 : i.promisedDays, statutoryDays: 365 }));
    const task = fc.record({
      departmentCode: fc.constantFrom(...codes),
      kind: fc.constant('REVIEW' as const),
      role: fc.constantFrom('department_reviewer' as const, 'department_admin' as const),
    });
    const definition = (stages: number) =>
      fc.record({
        version: fc.constant(1 as const),
        acceptance: fc.constant({ roles: ['window_clerk'] } as ProcessDefinition['acceptance']),
        preReviewDays: fc.integer({ min: 0, max: 30 }),
        stages: fc.array(
          fc.record({ name: fc.constant('审查'), days: fc.integer({ min: 0, max: 200 }), tasks: fc.uniqueArray(task, { minLength: 1, maxLength: 5, selector: (t) => t.departmentCode }) }),
          { minLength: 1, maxLength: stages },
        ),
      });

    it('finds the default definition sound for any item', () => {
      fc.assert(fc.property(item, (i) => expect(processDefinitionViolations(defaultProcessDefinition(i), i)).toEqual([])));
    });

    it('refuses any definition whose stages with pre-review take longer than promised', () => {
      fc.assert(
        fc.property(item, definition(10), (i, d) => {
          const total = d.preReviewDays + d.stages.reduce((sum, s) => sum + s.days, 0);
          fc.pre(!i.instant && total > i.promisedDays);
          expect(processDefinitionViolations(d, i).some((v) => v.field === 'content.process.stages' && v.message.includes('promised'))).toBe(true);
        }),
      );
    });

    it('accepts a definition of known departments within the promise that gives the owner a task', () => {
      fc.assert(
        fc.property(item, definition(10), (i, d) => {
          fc.pre(!i.instant);
          const withOwner: ProcessDefinition = {
            ...d,
            preReviewDays: 0,
            stages: d.stages.map((s, n) => ({
              ...s,
              days: 0,
              tasks: n === 0 && !s.tasks.some((t) => t.departmentCode === i.departmentCode)
                ? [...s.tasks.slice(0, 9), { departmentCode: i.departmentCode, kind: 'REVIEW' as const, role: 'department_reviewer' as const }]
                : s.tasks,
            })),
          };
          expect(processDefinitionViolations(withOwner, i)).toEqual([]);
        }),
      );
    });
  });
});

import { StatementParams } from './statement-params';

describe('StatementParams', () => {
  it('numbers the placeholders across rows and applies each column cast', () => {
    const params = new StatementParams();
    expect(params.rows([['a', 1, '{}'], ['b', 2, '[]']], [undefined, undefined, 'jsonb'])).toBe('($1, $2, $3::jsonb), ($4, $5, $6::jsonb)');
    expect(params.values).toEqual(['a', 1, '{}', 'b', 2, '[]']);
  });

  it('numbers the parts of one statement in the order they add their values', () => {
    const params = new StatementParams();
    const id = params.add('case-1');
    const rows = params.rows([['a', 1], ['b', 2]], [undefined, 'int']);
    const status = params.add('IN_REVIEW', 'text');
    expect([id, rows, status]).toEqual(['$1', '($2, $3::int), ($4, $5::int)', '$6::text']);
    expect(params.values).toEqual(['case-1', 'a', 1, 'b', 2, 'IN_REVIEW']);
  });

  it('gives an empty list for no rows', () => {
    const params = new StatementParams();
    expect(params.rows([])).toBe('');
    expect(params.values).toEqual([]);
  });
});

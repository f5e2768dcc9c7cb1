import { multiRowValues } from './multi-row-values';

describe('multiRowValues', () => {
  it('numbers the placeholders across rows and applies each column cast', () => {
    expect(multiRowValues([['a', 1, '{}'], ['b', 2, '[]']], [undefined, undefined, 'jsonb'])).toEqual({
      sql: '($1, $2, $3::jsonb), ($4, $5, $6::jsonb)',
      params: ['a', 1, '{}', 'b', 2, '[]'],
    });
  });

  it('starts after the parameters the statement already uses', () => {
    expect(multiRowValues([['a', 1], ['b', 2]], [undefined, 'int'], 3)).toEqual({
      sql: '($4, $5::int), ($6, $7::int)',
      params: ['a', 1, 'b', 2],
    });
  });

  it('gives an empty list for no rows', () => {
    expect(multiRowValues([])).toEqual({ sql: '', params: [] });
  });
});

import { validateSync } from 'class-validator';
import { IsCitizenIdNumber, IsCreditCode } from './validators';

class Form {
  @IsCitizenIdNumber()
  idNumber!: unknown;

  @IsCreditCode()
  creditCode!: unknown;
}

function errorsOf(values: Partial<Form>): Record<string, string> {
  const form = Object.assign(new Form(), values);
  return Object.fromEntries(validateSync(form).map((error) => [error.property, Object.values(error.constraints ?? {}).join('; ')]));
}

describe('IsCitizenIdNumber and IsCreditCode', () => {
  it('pass valid values', () => {
    expect(errorsOf({ idNumber: '11010519491231002X', creditCode: '91110000802100433B' })).toEqual({});
  });

  it('name the failed check in the message', () => {
    expect(errorsOf({ idNumber: '110105194912310021', creditCode: '91110000802100433A' })).toEqual({
      idNumber: 'idNumber is not a valid citizen ID number: check character',
      creditCode: 'creditCode is not a valid unified social credit code: check character',
    });
  });

  it('refuse values that are not strings', () => {
    expect(errorsOf({ idNumber: 110105194912310020, creditCode: null })).toEqual({
      idNumber: 'idNumber is not a valid citizen ID number: must be a string',
      creditCode: 'creditCode is not a valid unified social credit code: must be a string',
    });
  });
});

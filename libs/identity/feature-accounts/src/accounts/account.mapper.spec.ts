import { maskName, maskPhone } from './account.mapper';

describe('masking in responses', () => {
  it.each([
    ['林晓明', '林*明'],
    ['欧阳娜娜', '欧**娜'],
    ['王五', '王*'],
    ['李', '*'],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

export {
  checkCitizenIdNumber,
  citizenIdCheckCharacter,
  isCitizenIdNumber,
  maskCitizenIdNumber,
  todayInChina,
  type CitizenIdCheck,
  type CitizenIdFailure,
} from './citizen-id';
export {
  checkCreditCode,
  creditCodeCheckCharacter,
  isCreditCode,
  CREDIT_CODE_ALPHABET,
  type CreditCodeCheck,
  type CreditCodeFailure,
} from './credit-code';
export { IsCitizenIdNumber, IsCreditCode } from './validators';

export { AssuranceLevel, AssuranceMethod, isAtLeast, levelAfterNameChange, levelAfterVerification } from './assurance';
export { AccountKind, AccountStatus, eraseAfter, normaliseName } from './account';
export { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordContext, type PasswordProblem } from './password-policy';
export { POPULATION_REGISTER, RegisterMatch, type PopulationRegister } from './population-register';

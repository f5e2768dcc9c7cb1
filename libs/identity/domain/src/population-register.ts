/** What the population base register says about an ID number and a name. */
export enum RegisterMatch {
  Matched = 'matched',
  /** The ID number is registered under another name. */
  NameMismatch = 'name_mismatch',
  NotFound = 'not_found',
}

/**
 * Port to the population base register (人口基础库). Identity only asks whether an ID number and a
 * name belong together; it never reads anything else from the register.
 */
export interface PopulationRegister {
  match(idNumber: string, name: string): Promise<RegisterMatch>;
}

export const POPULATION_REGISTER = Symbol('PopulationRegister');

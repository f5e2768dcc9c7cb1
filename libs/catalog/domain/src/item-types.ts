/** The categories the six lists need (国办函〔2016〕108号 power types plus services and the negative list). */
export enum ItemType {
  LICENSING = 'LICENSING',
  PENALTY = 'PENALTY',
  ENFORCEMENT = 'ENFORCEMENT',
  LEVY = 'LEVY',
  PAYMENT = 'PAYMENT',
  INSPECTION = 'INSPECTION',
  CONFIRMATION = 'CONFIRMATION',
  AWARD = 'AWARD',
  ADJUDICATION = 'ADJUDICATION',
  OTHER_POWER = 'OTHER_POWER',
  PUBLIC_SERVICE = 'PUBLIC_SERVICE',
  INTERMEDIARY_SERVICE = 'INTERMEDIARY_SERVICE',
  INVESTMENT_NEGATIVE = 'INVESTMENT_NEGATIVE',
}

/** Two digits of the item code. Never renumber: codes are stable forever. */
export const ITEM_TYPE_CODES: Readonly<Record<ItemType, string>> = {
  [ItemType.LICENSING]: '01',
  [ItemType.PENALTY]: '02',
  [ItemType.ENFORCEMENT]: '03',
  [ItemType.LEVY]: '04',
  [ItemType.PAYMENT]: '05',
  [ItemType.INSPECTION]: '06',
  [ItemType.CONFIRMATION]: '07',
  [ItemType.AWARD]: '08',
  [ItemType.ADJUDICATION]: '09',
  [ItemType.OTHER_POWER]: '10',
  [ItemType.PUBLIC_SERVICE]: '11',
  [ItemType.INTERMEDIARY_SERVICE]: '12',
  [ItemType.INVESTMENT_NEGATIVE]: '13',
};

export function itemTypeOfCode(typeCode: string): ItemType | undefined {
  return (Object.keys(ITEM_TYPE_CODES) as ItemType[]).find((type) => ITEM_TYPE_CODES[type] === typeCode);
}

/** Administrative powers (行政职权): what the power and responsibility lists hold. */
export const POWER_TYPES: readonly ItemType[] = [
  ItemType.LICENSING,
  ItemType.PENALTY,
  ItemType.ENFORCEMENT,
  ItemType.LEVY,
  ItemType.PAYMENT,
  ItemType.INSPECTION,
  ItemType.CONFIRMATION,
  ItemType.AWARD,
  ItemType.ADJUDICATION,
  ItemType.OTHER_POWER,
];

export enum OnlineLevel {
  ZERO_TRIP = 'ZERO_TRIP',
  ONE_TRIP = 'ONE_TRIP',
  ON_SITE = 'ON_SITE',
}

/** Where an item can be accepted ("能放尽放、能沉尽沉"). */
export enum ServicePointKind {
  COUNTY_HALL = 'COUNTY_HALL',
  TOWNSHIP_CENTRE = 'TOWNSHIP_CENTRE',
  COMMUNITY_POINT = 'COMMUNITY_POINT',
  KIOSK = 'KIOSK',
}

/** The comprehensive window categories of the county hall. */
export enum HallWindow {
  ENTERPRISE_LICENSING = 'ENTERPRISE_LICENSING',
  SOCIAL_AFFAIRS = 'SOCIAL_AFFAIRS',
  INVESTMENT_CONSTRUCTION = 'INVESTMENT_CONSTRUCTION',
}

export enum MaterialSource {
  /** The applicant provides it. */
  APPLICANT = 'APPLICANT',
  /** Read from the e-licence store; the applicant provides nothing. */
  E_LICENCE = 'E_LICENCE',
  /** Read from another department's shared data; the applicant provides nothing. */
  DEPARTMENT_DATA = 'DEPARTMENT_DATA',
  /** A proof (证明) issued by some body: only those on the retained-proof list may be asked. */
  RETAINED_PROOF = 'RETAINED_PROOF',
}

export enum MaterialForm {
  PAPER = 'PAPER',
  ELECTRONIC = 'ELECTRONIC',
  PAPER_OR_ELECTRONIC = 'PAPER_OR_ELECTRONIC',
}

/** The six published lists (plus the retained-proof list, served apart). */
export enum CatalogList {
  POWERS = 'powers',
  RESPONSIBILITIES = 'responsibilities',
  LICENSING = 'licensing',
  PUBLIC_SERVICES = 'public-services',
  INTERMEDIARY_SERVICES = 'intermediary-services',
  INVESTMENT_NEGATIVE = 'investment-negative',
}

export const LIST_TYPES: Readonly<Record<CatalogList, readonly ItemType[]>> = {
  [CatalogList.POWERS]: POWER_TYPES,
  [CatalogList.RESPONSIBILITIES]: POWER_TYPES,
  [CatalogList.LICENSING]: [ItemType.LICENSING],
  [CatalogList.PUBLIC_SERVICES]: [ItemType.PUBLIC_SERVICE],
  [CatalogList.INTERMEDIARY_SERVICES]: [ItemType.INTERMEDIARY_SERVICE],
  [CatalogList.INVESTMENT_NEGATIVE]: [ItemType.INVESTMENT_NEGATIVE],
};

export const LIST_TITLES: Readonly<Record<CatalogList, string>> = {
  [CatalogList.POWERS]: '权力清单',
  [CatalogList.RESPONSIBILITIES]: '责任清单',
  [CatalogList.LICENSING]: '行政审批事项清单',
  [CatalogList.PUBLIC_SERVICES]: '公共服务清单',
  [CatalogList.INTERMEDIARY_SERVICES]: '中介服务事项清单',
  [CatalogList.INVESTMENT_NEGATIVE]: '企业投资负面清单',
};

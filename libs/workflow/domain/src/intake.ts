/**
 * Where a case is taken in. Online cases are pre-reviewed and accepted by the county hall's
 * comprehensive window of the item's approval category (一窗受理, plan 二(三)1); the ids are those of
 * the service points identity seeds.
 */
export const COUNTY_HALL_WINDOWS = {
  ENTERPRISE_LICENSING: '350123-admin-service-centre-window-enterprise-licensing',
  SOCIAL_AFFAIRS: '350123-admin-service-centre-window-social-affairs',
  INVESTMENT_CONSTRUCTION: '350123-admin-service-centre-window-investment-construction',
} as const;

export type HallWindow = keyof typeof COUNTY_HALL_WINDOWS;

export function onlineIntakeWindow(hallWindow: string | undefined): string {
  return hallWindow !== undefined && hallWindow in COUNTY_HALL_WINDOWS
    ? COUNTY_HALL_WINDOWS[hallWindow as HallWindow]
    : COUNTY_HALL_WINDOWS.SOCIAL_AFFAIRS;
}

/** Trips the applicant makes in person (跑动次数): every channel but ONLINE is a visit. */
export function tripsForIntake(channel: string): number {
  return channel === 'ONLINE' ? 0 : 1;
}

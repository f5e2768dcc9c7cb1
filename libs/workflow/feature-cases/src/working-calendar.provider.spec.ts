import type { HolidayArrangementRepository } from '@onewindow/workflow/data-access';
import { CALENDAR_REUSE_MS, WorkingCalendarProvider } from './working-calendar.provider';

class ClockedProvider extends WorkingCalendarProvider {
  clock = 0;
  protected override now(): number {
    return this.clock;
  }
}

describe('WorkingCalendarProvider', () => {
  it('reads the arrangements once per reuse period, then again', async () => {
    let reads = 0;
    const arrangements = {
      findAll: async () => {
        reads += 1;
        return [];
      },
    } as unknown as HolidayArrangementRepository;
    const provider = new ClockedProvider(arrangements);
    const first = await provider.current();
    provider.clock = CALENDAR_REUSE_MS - 1;
    expect(await provider.current()).toBe(first);
    expect(reads).toBe(1);
    provider.clock = CALENDAR_REUSE_MS;
    expect(await provider.current()).not.toBe(first);
    expect(reads).toBe(2);
  });
});

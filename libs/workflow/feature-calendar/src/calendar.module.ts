import { Module } from '@nestjs/common';
import { HolidayArrangementRepository } from '@onewindow/workflow/data-access';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** The working-day calendar: public reads and due dates, platform admins enter each year's arrangement. */
@Module({
  controllers: [CalendarController],
  providers: [CalendarService, HolidayArrangementRepository],
  exports: [CalendarService],
})
export class CalendarModule {}

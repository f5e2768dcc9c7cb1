import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { DueDateQuery, DueDateResponse, HolidayArrangementDto, HolidayArrangementResponse } from './calendar.dto';
import { toArrangementResponse } from './calendar.mapper';
import { CalendarException, CalendarExceptionCode } from './calendar.exception';
import { CalendarService } from './calendar.service';

@ApiTags('working-day calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get('years')
  @ApiOkResponse({ type: [HolidayArrangementResponse] })
  async years(): Promise<HolidayArrangementResponse[]> {
    return (await this.calendar.list()).map(toArrangementResponse);
  }

  @Public()
  @Get('due-date')
  @ApiOkResponse({ type: DueDateResponse })
  @ApiProblemResponse(422, 'The limit runs into a year the calendar does not cover')
  dueDate(@Query() query: DueDateQuery): Promise<DueDateResponse> {
    return this.calendar.dueDate(query.start, query.workingDays);
  }

  @Roles(Role.PlatformAdmin)
  @Put('years/:year')
  @ApiOkResponse({ type: HolidayArrangementResponse })
  @ApiProblemResponse(400, 'Invalid arrangement, naming the field')
  @ApiProblemResponse(403, 'Not a platform admin')
  async replace(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: HolidayArrangementDto,
    @CurrentPrincipal() admin: Principal,
  ): Promise<HolidayArrangementResponse> {
    if (year < 2000 || year > 2100) {
      throw new CalendarException(CalendarExceptionCode.YEAR_MISMATCH, 'The year must be between 2000 and 2100', 'year');
    }
    return toArrangementResponse(await this.calendar.replace({ year, ...body }, admin.id));
  }
}

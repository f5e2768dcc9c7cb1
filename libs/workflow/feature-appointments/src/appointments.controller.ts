import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { Idempotent } from '@onewindow/platform/service';
import { AppointmentResponse, BookDto, CreateSlotDto, SlotQuery, SlotResponse } from './appointment.dto';
import { toAppointmentResponse, toSlotResponse } from './appointment.mapper';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Roles(Role.WindowClerk, Role.DepartmentAdmin, Role.PlatformAdmin)
  @Post('slots')
  @ApiCreatedResponse({ type: SlotResponse })
  @ApiProblemResponse(403, 'Staff of another service point')
  @ApiProblemResponse(409, 'A slot for this window and time exists')
  async createSlot(@CurrentPrincipal() staff: Principal, @Body() body: CreateSlotDto): Promise<SlotResponse> {
    return toSlotResponse(await this.appointments.createSlot(staff, body));
  }

  @Public()
  @Get('slots')
  @ApiOkResponse({ type: [SlotResponse] })
  async slots(@Query() query: SlotQuery): Promise<SlotResponse[]> {
    return (await this.appointments.findSlots(query)).map(toSlotResponse);
  }

  @Roles(Role.Citizen, Role.EnterpriseAgent)
  @Post()
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: AppointmentResponse })
  @ApiProblemResponse(409, 'Slot full, already booked by you, or already started')
  async book(@CurrentPrincipal() applicant: Principal, @Body() body: BookDto): Promise<AppointmentResponse> {
    return toAppointmentResponse(await this.appointments.book(applicant, body));
  }

  @Roles(Role.Citizen, Role.EnterpriseAgent)
  @Get('mine')
  @ApiOkResponse({ type: [AppointmentResponse] })
  async mine(@CurrentPrincipal() applicant: Principal): Promise<AppointmentResponse[]> {
    return (await this.appointments.mine(applicant)).map(toAppointmentResponse);
  }

  @Roles(Role.Citizen, Role.EnterpriseAgent)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentResponse })
  @ApiProblemResponse(404, 'No such appointment of yours')
  async cancel(@CurrentPrincipal() applicant: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AppointmentResponse> {
    return toAppointmentResponse(await this.appointments.cancel(applicant, id));
  }
}

import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { AccountResponse } from '../accounts/account.response';
import { CreateStaffDto, IdNumberReadQuery, IdNumberResponse } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Roles(Role.DepartmentAdmin, Role.PlatformAdmin)
  @Post('staff')
  create(@CurrentPrincipal() admin: Principal, @Body() dto: CreateStaffDto): Promise<AccountResponse> {
    return this.staff.createStaff(admin, dto);
  }

  @Roles(Role.WindowClerk, Role.DepartmentReviewer, Role.Supervisor, Role.DepartmentAdmin, Role.PlatformAdmin)
  @Get('accounts/:accountId')
  read(@CurrentPrincipal() principal: Principal, @Param('accountId', new ParseUUIDPipe()) accountId: string): Promise<AccountResponse> {
    return this.staff.read(principal, accountId);
  }

  @Roles(Role.WindowClerk, Role.DepartmentReviewer, Role.Supervisor, Role.DepartmentAdmin, Role.PlatformAdmin)
  @Get('accounts/:accountId/id-number')
  @Header('cache-control', 'no-store')
  readIdNumber(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Query() query: IdNumberReadQuery,
  ): Promise<IdNumberResponse> {
    return this.staff.readIdNumber(principal, accountId, query.purpose);
  }

  @Roles(Role.DepartmentAdmin, Role.PlatformAdmin)
  @Post('staff/:accountId/deactivation')
  @HttpCode(204)
  deactivate(@CurrentPrincipal() admin: Principal, @Param('accountId', new ParseUUIDPipe()) accountId: string): Promise<void> {
    return this.staff.deactivate(admin, accountId);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ItemPerformanceResponse, OverdueCaseResponse, OverdueQuery, SummaryResponse, SupervisionQuery } from './supervision.dto';
import { SupervisionService } from './supervision.service';

@ApiTags('e-supervision')
@Roles(Role.Supervisor, Role.PlatformAdmin, Role.DepartmentAdmin)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('summary')
  @ApiOkResponse({ type: SummaryResponse })
  summary(@CurrentPrincipal() principal: Principal, @Query() query: SupervisionQuery): Promise<SummaryResponse> {
    return this.supervision.summary(principal, query);
  }

  @Get('items')
  @ApiOkResponse({ type: [ItemPerformanceResponse] })
  items(@CurrentPrincipal() principal: Principal, @Query() query: SupervisionQuery): Promise<ItemPerformanceResponse[]> {
    return this.supervision.items(principal, query);
  }

  @Get('overdue')
  @ApiOkResponse({ type: [OverdueCaseResponse] })
  overdue(@CurrentPrincipal() principal: Principal, @Query() query: OverdueQuery): Promise<OverdueCaseResponse[]> {
    return this.supervision.overdue(principal, query);
  }
}

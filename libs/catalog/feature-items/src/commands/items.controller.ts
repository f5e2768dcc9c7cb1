import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { StaffItemVersionDto } from '../shared/mappers';
import { ItemCodePipe } from '../shared/validators';
import { ApproveDto, CreateItemDto, EditDraftDto, RejectDto, RetireDto } from './item-commands.dto';
import { ItemCommands } from './item-commands.service';

@ApiTags('catalog: authoring')
@ApiBearerAuth()
@ApiProblemResponse(400, 'Invalid input, naming each field')
@ApiProblemResponse(403, 'Not an admin of the item\'s department')
@ApiProblemResponse(409, 'The version is not in a state that allows this')
@ApiProblemResponse(422, 'A material asks for a proof outside the retained-proof list')
@Controller('items')
export class ItemsController {
  constructor(private readonly commands: ItemCommands) {}

  @Post()
  @Roles(Role.DepartmentAdmin)
  @ApiCreatedResponse({ type: StaffItemVersionDto, description: 'The new item with its code and draft version 1' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateItemDto): Promise<StaffItemVersionDto> {
    return this.commands.create(principal, body);
  }

  @Put(':code/draft')
  @Roles(Role.DepartmentAdmin)
  @ApiOkResponse({ type: StaffItemVersionDto })
  edit(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string, @Body() body: EditDraftDto): Promise<StaffItemVersionDto> {
    return this.commands.editDraft(principal, code, body.content);
  }

  @Post(':code/drafts')
  @Roles(Role.DepartmentAdmin)
  @ApiCreatedResponse({ type: StaffItemVersionDto, description: 'A new draft version copying the latest one' })
  startDraft(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string): Promise<StaffItemVersionDto> {
    return this.commands.startDraft(principal, code);
  }

  @Post(':code/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffItemVersionDto })
  @Roles(Role.DepartmentAdmin)
  submit(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string): Promise<StaffItemVersionDto> {
    return this.commands.submit(principal, code);
  }

  @Post(':code/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffItemVersionDto })
  @Roles(Role.PlatformAdmin)
  approve(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string, @Body() body: ApproveDto): Promise<StaffItemVersionDto> {
    return this.commands.approve(principal, code, body);
  }

  @Post(':code/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffItemVersionDto })
  @Roles(Role.PlatformAdmin)
  reject(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string, @Body() body: RejectDto): Promise<StaffItemVersionDto> {
    return this.commands.reject(principal, code, body.note);
  }

  @Post(':code/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffItemVersionDto })
  @Roles(Role.PlatformAdmin)
  retire(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string, @Body() body: RetireDto): Promise<StaffItemVersionDto> {
    return this.commands.retire(principal, code, body.reason);
  }
}

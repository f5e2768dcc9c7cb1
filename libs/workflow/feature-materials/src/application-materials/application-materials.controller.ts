import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import type { FastifyReply } from 'fastify';
import { AttachMaterialsDto, MaterialResponse } from '../material.dto';
import { toMaterialResponse } from '../material.mapper';
import { UPLOAD_CONTENT_TYPES } from '../materials.config';
import { MaterialsService } from './materials.service';

@ApiTags('materials')
@Controller('applications/:id/materials')
export class ApplicationMaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Roles(Role.Citizen, Role.EnterpriseAgent, Role.WindowClerk)
  @Post()
  @ApiCreatedResponse({ type: [MaterialResponse], description: 'Every material of the case after the attachment' })
  @ApiProblemResponse(400, 'A material not in the item, or an upload that is not yours, expired or attached')
  @ApiProblemResponse(409, 'No supplement is requested')
  async attach(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AttachMaterialsDto,
  ): Promise<MaterialResponse[]> {
    return (await this.materials.attachForSupplement(principal, id, body.materials)).map(toMaterialResponse);
  }

  @Get()
  @ApiOkResponse({ type: [MaterialResponse] })
  @ApiProblemResponse(404, 'No such application visible to the caller')
  async list(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MaterialResponse[]> {
    return (await this.materials.list(principal, id)).map(toMaterialResponse);
  }

  @Get(':materialId/content')
  @ApiProduces(...UPLOAD_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file, with its content type and its SHA-256 in `x-content-sha256`' })
  @ApiProblemResponse(404, 'No such material, or an e-licence reference (no file)')
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('materialId', ParseUUIDPipe) materialId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.materials.content(principal, id, materialId);
    await reply
      .header('content-type', file.contentType)
      .header('x-content-sha256', file.sha256)
      .header('content-disposition', 'attachment')
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  }
}

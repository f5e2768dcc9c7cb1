import { Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { UploadResponse } from '../material.dto';
import { toUploadResponse } from '../material.mapper';
import { UPLOAD_CONTENT_TYPES } from '../materials.config';
import { FILE_UPLOAD_ROUTE } from './upload-body.parser';
import { UploadsService } from './uploads.service';

@ApiTags('materials')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Roles(Role.Citizen, Role.EnterpriseAgent, Role.WindowClerk)
  @Post()
  @RouteConfig(FILE_UPLOAD_ROUTE)
  @ApiConsumes(...UPLOAD_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The file itself, at most MATERIAL_MAX_BYTES' })
  @ApiCreatedResponse({ type: UploadResponse })
  @ApiProblemResponse(400, 'An empty file')
  @ApiProblemResponse(413, 'A file over the size limit (field `file`)')
  @ApiProblemResponse(415, 'A file type other than PDF, JPEG, PNG or OFD')
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Buffer,
  ): Promise<UploadResponse> {
    return toUploadResponse(await this.uploads.upload(principal, contentType, body));
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { Idempotent } from '@onewindow/platform/service';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApplicationResponse,
  AuditVerificationResponse,
  DeliveryDto,
  EvaluationDto,
  EvaluationResponse,
  RefusalDto,
  SubmitApplicationDto,
  SupplementRequestDto,
  TaskDecisionDto,
} from './application.dto';
import { toApplicationResponse } from './application.mapper';
import { ApplicationsService } from './applications.service';

export class AcceptDto {
  @ApiPropertyOptional({ type: [String], description: 'Departments that review in parallel with the owning one (three-digit codes)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[0-9]{3}$/, { each: true, message: 'must be three-digit department codes' })
  coReviewingDepartments?: string[];

  @ApiPropertyOptional({ description: 'Add one joint on-site inspection led by the owning department' })
  @IsOptional()
  @IsBoolean()
  jointInspection?: boolean;
}

const APPLICANTS = [Role.Citizen, Role.EnterpriseAgent] as const;
const IDEMPOTENCY = { name: 'Idempotency-Key', required: true } as const;

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles(...APPLICANTS, Role.WindowClerk)
  @Post()
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiProblemResponse(400, 'Invalid input or an item that is not published')
  async submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitApplicationDto): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.submit(principal, body));
  }

  @Roles(...APPLICANTS)
  @Get('mine')
  @ApiOkResponse({ type: [ApplicationResponse] })
  async mine(@CurrentPrincipal() principal: Principal): Promise<ApplicationResponse[]> {
    return (await this.applications.mine(principal)).map(toApplicationResponse);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblemResponse(404, 'No such application visible to the caller')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.get(principal, id));
  }

  @Roles(Role.WindowClerk)
  @Post(':id/supplement-request')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async requestSupplement(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SupplementRequestDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.requestSupplement(principal, id, body.missing));
  }

  @Roles(...APPLICANTS, Role.WindowClerk)
  @Post(':id/resubmission')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async resubmit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.resubmit(principal, id));
  }

  @Roles(Role.WindowClerk)
  @Post(':id/acceptance')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ApplicationResponse })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcceptDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.accept(principal, id, body));
  }

  @Roles(Role.WindowClerk)
  @Post(':id/refusal')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async refuse(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RefusalDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.refuse(principal, id, body.reason));
  }

  @Roles(Role.DepartmentReviewer)
  @Post(':id/tasks/:taskId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblemResponse(409, 'Another reviewer holds the task')
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.claimTask(principal, id, taskId));
  }

  @Roles(Role.DepartmentReviewer)
  @Post(':id/tasks/:taskId/decision')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblemResponse(403, 'A task of another department')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() body: TaskDecisionDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.decideTask(principal, id, taskId, body));
  }

  @Roles(...APPLICANTS)
  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.withdraw(principal, id));
  }

  @Roles(Role.WindowClerk)
  @Post(':id/delivery')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async deliver(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeliveryDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.deliver(principal, id, body));
  }

  @Roles(...APPLICANTS)
  @Post(':id/evaluation')
  @ApiCreatedResponse({ type: EvaluationResponse })
  @ApiProblemResponse(409, 'Not concluded yet, or already rated')
  async evaluate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EvaluationDto,
  ): Promise<EvaluationResponse> {
    const evaluation = await this.applications.evaluate(principal, id, body.score, body.comment ?? null);
    return { ...evaluation, createdAt: evaluation.createdAt.toISOString() };
  }

  @Roles(Role.Supervisor, Role.PlatformAdmin)
  @Get(':id/audit/verification')
  @ApiOkResponse({ type: AuditVerificationResponse })
  verifyAudit(@Param('id', ParseUUIDPipe) id: string): Promise<AuditVerificationResponse> {
    return this.applications.verifyAudit(id);
  }
}

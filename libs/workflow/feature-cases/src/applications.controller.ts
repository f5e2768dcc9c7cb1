import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { Idempotent } from '@onewindow/platform/service';
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
import { TimeLimitsService } from './time-limits.service';
import { ExtensionDecisionDto, ExtensionRequestDto, ExtensionResponse, PauseDto } from './time-limits.dto';
import { toExtensionResponse } from './time-limits.mapper';

/**
 * Acceptance takes no choices: the process definition of the case's item version lays out the
 * tasks (ADR 0030). Any field, such as the retired `coReviewingDepartments`, is refused with 400.
 */
export class AcceptDto {}

const APPLICANTS = [Role.Citizen, Role.EnterpriseAgent] as const;
const IDEMPOTENCY = { name: 'Idempotency-Key', required: true } as const;

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly timeLimits: TimeLimitsService,
  ) {}

  @Roles(...APPLICANTS, Role.WindowClerk)
  @Post()
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiProblemResponse(400, 'Invalid input, an item that is not published, or a material the item does not list')
  @ApiProblemResponse(422, 'Online, a material the applicant must provide is missing (one error per name)')
  @ApiProblemResponse(503, 'The e-licence store could not confirm a licence reference; nothing was stored')
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
    @Body() _body: AcceptDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.accept(principal, id));
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

  @Roles(Role.DepartmentReviewer, Role.DepartmentAdmin)
  @Post(':id/tasks/:taskId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblemResponse(403, 'A task of another department, or one its department admin decides')
  @ApiProblemResponse(409, 'Another reviewer holds the task, or its stage has not opened')
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.claimTask(principal, id, taskId));
  }

  @Roles(Role.DepartmentReviewer, Role.DepartmentAdmin)
  @Post(':id/tasks/:taskId/decision')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblemResponse(403, 'A task of another department, or one its department admin decides')
  @ApiProblemResponse(409, 'Decided already, or its stage has not opened')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() body: TaskDecisionDto,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.decideTask(principal, id, taskId, body));
  }

  @Roles(Role.DepartmentReviewer, Role.DepartmentAdmin)
  @Post(':id/pauses')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case, PAUSED: its time limits stand still' })
  @ApiProblemResponse(409, 'Not in review, already paused, or no task of the case held')
  async pause(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: PauseDto): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.timeLimits.pause(principal, id, body));
  }

  @Roles(Role.DepartmentReviewer, Role.DepartmentAdmin)
  @Post(':id/pauses/current/resume')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case, back in review with its due dates moved by the working days paused' })
  @ApiProblemResponse(403, 'Another department paused the review')
  async resume(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.timeLimits.resume(principal, id));
  }

  @Roles(Role.DepartmentReviewer)
  @Post(':id/extensions')
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: ExtensionResponse })
  @ApiProblemResponse(409, 'An extension is pending or was already approved for the case')
  async requestExtension(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExtensionRequestDto,
  ): Promise<ExtensionResponse> {
    return toExtensionResponse(await this.timeLimits.requestExtension(principal, id, body));
  }

  @Roles(Role.DepartmentAdmin, Role.Supervisor)
  @Post(':id/extensions/:extensionId/decision')
  @HttpCode(200)
  @Idempotent()
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ExtensionResponse })
  @ApiProblemResponse(403, 'Not an admin of the owning department or a supervisor')
  async decideExtension(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('extensionId', ParseUUIDPipe) extensionId: string,
    @Body() body: ExtensionDecisionDto,
  ): Promise<ExtensionResponse> {
    return toExtensionResponse(await this.timeLimits.decideExtension(principal, id, extensionId, body));
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

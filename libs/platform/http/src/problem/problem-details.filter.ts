import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ServiceLogger } from '@onewindow/platform/observability';
import { pathOf } from '../bootstrap/access-line';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem } from './to-problem';

/** The single place where errors become HTTP responses: RFC 9457 problem+json, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: ServiceLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, {
      instance: pathOf(request.url ?? ''),
      requestId: String(request.id),
    });
    if (problem.unexpected) this.logger.pino.error({ context: ProblemDetailsFilter.name, err: exception }, 'Unhandled exception');
    if (reply.sent) return;
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .headers(problem.headers)
      .send(problem.body);
  }
}

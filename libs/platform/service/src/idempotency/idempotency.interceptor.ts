import { createHash } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  OnModuleDestroy,
  OnModuleInit,
  SetMetadata,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { DomainException, pathOf } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { from, lastValueFrom, Observable } from 'rxjs';
import { PeriodicTask } from '../periodic-task';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENT_KEY = 'onewindow:idempotent';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key is remembered; a retry after that is a new request. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

/**
 * The handler needs an `Idempotency-Key` header: the first request with a key runs, in one
 * transaction with the stored response; a retry with the same key and body gets the same response
 * without running again; the same key with another body is refused. Keys are per caller and route.
 */
export const Idempotent = () => SetMetadata(IDEMPOTENT_KEY, true);

const KEY_FORMAT = /^[\x21-\x7e]{8,255}$/;

export class IdempotencyException extends DomainException<'IDEMPOTENCY_KEY_REQUIRED' | 'IDEMPOTENCY_KEY_REUSED'> {
  static required(): IdempotencyException {
    const reason = 'is required: 8 to 255 visible ASCII characters, e.g. a UUID, the same for every retry';
    return new IdempotencyException('IDEMPOTENCY_KEY_REQUIRED', 400, `The Idempotency-Key header ${reason}`, {
      errors: [{ field: 'Idempotency-Key', reason }],
    });
  }

  static reused(): IdempotencyException {
    return new IdempotencyException(
      'IDEMPOTENCY_KEY_REUSED',
      422,
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
}

interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { id: string };
  routeOptions?: { url?: string };
}

interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  /** Every replica prunes; the DELETE is idempotent. */
  private readonly cleanup = new PeriodicTask('IdempotencyRecordPruning', 3600 * 1000, () =>
    this.store.deleteOlderThan(new Date(Date.now() - IDEMPOTENCY_RETENTION_MS)),
  );

  constructor(
    private readonly reflector: Reflector,
    private readonly tx: TransactionHost,
    private readonly store: IdempotencyStore,
  ) {}

  onModuleInit(): void {
    this.cleanup.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.cleanup.stop();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT_KEY, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const reply = context.switchToHttp().getResponse<HttpReply>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY_FORMAT.test(key)) throw IdempotencyException.required();

    const route = request.routeOptions?.url ?? pathOf(request.url);
    const scope = `${request.user?.id ?? 'anonymous'} ${request.method} ${route}`;
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(
      this.tx.transaction(async () => {
        const stored = await this.store.claim(scope, key, fingerprint);
        if (stored) {
          if (stored.fingerprint !== fingerprint) throw IdempotencyException.reused();
          reply.status(stored.status);
          reply.header('Idempotent-Replayed', 'true');
          return stored.body;
        }
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.store.complete(scope, key, status, body);
        return body;
      }),
    );
  }
}

import { Controller, DynamicModule, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import {
  anyOf,
  assertAccess,
  AuthModule,
  CurrentPrincipal,
  organisationScoped,
  OrganisationScope,
  Owned,
  ownedByPrincipal,
  Principal,
  Public,
  Role,
  Roles,
} from '../../src';

export interface CaseRecord extends OrganisationScope, Owned {
  readonly id: string;
}

/** Cases the probe app serves; ids and owners are what the access tests refer to. */
export const CASES: ReadonlyMap<string, CaseRecord> = new Map(
  [
    { id: 'case-a1', organisationId: 'org-a', departmentId: 'dept-1', ownerId: 'citizen-alice' },
    { id: 'case-b1', organisationId: 'org-b', departmentId: 'dept-1', ownerId: 'citizen-bob' },
  ].map((record) => [record.id, record]),
);

const casePolicy = anyOf(ownedByPrincipal<CaseRecord>(), organisationScoped<CaseRecord>());

@Controller()
class ProbeController {
  @Public()
  @Get('public/ping')
  ping(): { ok: true } {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles(Role.WindowClerk, Role.DepartmentReviewer, Role.Supervisor)
  @Get('staff/queue')
  queue(@CurrentPrincipal() principal: Principal): { servedTo: string } {
    return { servedTo: principal.id };
  }

  @Get('cases/:id')
  readCase(@CurrentPrincipal() principal: Principal, @Param('id') id: string): CaseRecord {
    const record = CASES.get(id);
    assertAccess(principal, 'read', record, casePolicy);
    return record;
  }
}

@Module({})
class ProbeAppModule {
  static register(env: Record<string, string>, redis: Redis): DynamicModule {
    return {
      module: ProbeAppModule,
      imports: [AuthModule.forRoot({ env, redis: { useValue: redis } })],
      controllers: [ProbeController],
    };
  }
}

export interface ProbeResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface ProbeApp {
  readonly app: NestFastifyApplication;
  get(path: string, token?: string): Promise<ProbeResponse>;
  close(): Promise<void>;
}

/** A Fastify Nest app with public, authenticated, role-restricted and object-checked routes, on a free port. */
export async function startProbeApp(env: Record<string, string>, redis: Redis): Promise<ProbeApp> {
  const app = await NestFactory.create<NestFastifyApplication>(ProbeAppModule.register(env, redis), new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  return {
    app,
    async get(path, token) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}

import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import type { FastifyReply } from 'fastify';
import { ItemVersionDto, SearchResultDto } from '../shared/mappers';
import { CSV_TYPE, JSON_TYPE, PublicCache, Rendered } from '../shared/public-cache';
import { ItemCodePipe, VersionPipe } from '../shared/validators';
import { ChangesQueryDto, ListParamDto, ListQueryDto, SearchQueryDto } from './public-queries.dto';
import { proofsCsv, PublicCatalogQueries, toCsv } from './public-queries.service';

const json = async (work: Promise<unknown>): Promise<Rendered> => ({ body: JSON.stringify(await work), contentType: JSON_TYPE });

/**
 * Open reads for the portal, kiosks and mobile: cached in Redis, invalidated on publication, served
 * with an ETag so a client that has the answer gets 304 (ADR 0020).
 */
@ApiTags('catalog: public')
@Public()
@ApiProblemResponse(400, 'Invalid query, naming each field')
@Controller('public')
export class PublicCatalogController {
  constructor(
    private readonly queries: PublicCatalogQueries,
    private readonly cache: PublicCache,
  ) {}

  @Get('items')
  @ApiOkResponse({ type: SearchResultDto })
  search(@Query() query: SearchQueryDto, @Headers('if-none-match') etag: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const key = `search:${JSON.stringify([query.q, query.department, query.type, query.lifeEvent, query.onlineLevel, query.servicePoint, query.page, query.pageSize])}`;
    return this.cache.serve(reply, etag, key, () => json(this.queries.search(query)));
  }

  @Get('items/:code')
  @ApiOkResponse({ type: ItemVersionDto })
  item(@Param('code', ItemCodePipe) code: string, @Headers('if-none-match') etag: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cache.serve(reply, etag, `item:${code}`, () => json(this.queries.current(code)));
  }

  @Get('items/:code/versions/:version')
  @ApiOkResponse({ type: ItemVersionDto })
  version(
    @Param('code', ItemCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.cache.serve(reply, etag, `version:${code}:${version}`, () => json(this.queries.version(code, version)));
  }

  @Get('lists')
  lists(@Headers('if-none-match') etag: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cache.serve(reply, etag, 'lists', () => json(this.queries.overview()));
  }

  @Get('lists/retained-proofs')
  retainedProofs(@Query() query: ListQueryDto, @Headers('if-none-match') etag: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const format = query.format ?? 'json';
    return this.cache.serve(reply, etag, `proofs:${format}`, async () => {
      const proofs = await this.queries.retainedProofs();
      return format === 'csv' ? { body: proofsCsv(proofs.items), contentType: CSV_TYPE } : { body: JSON.stringify(proofs), contentType: JSON_TYPE };
    });
  }

  @Get('lists/:list')
  list(
    @Param() params: ListParamDto,
    @Query() query: ListQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const format = query.format ?? 'json';
    if (format === 'csv') {
      reply.header('content-disposition', `attachment; filename="${params.list}${query.department ? `-${query.department}` : ''}.csv"`);
    }
    return this.cache.serve(reply, etag, `list:${params.list}:${query.department ?? '*'}:${format}`, async () => {
      const list = await this.queries.list(params.list, query.department);
      return format === 'csv' ? { body: toCsv(list.items), contentType: CSV_TYPE } : { body: JSON.stringify(list), contentType: JSON_TYPE };
    });
  }

  @Get('changes')
  changes(@Query() query: ChangesQueryDto, @Headers('if-none-match') etag: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const since = new Date(query.since);
    return this.cache.serve(reply, etag, `changes:${since.toISOString()}`, () => json(this.queries.changes(since)));
  }
}

import { pipeline, Transform, TransformCallback } from 'node:stream';
import { Inject, Injectable, OnModuleInit, UnsupportedMediaTypeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MATERIALS_CONFIG, MaterialsConfig, UPLOAD_CONTENT_TYPES } from '../materials.config';
import { MaterialException } from '../material.exception';

/** Route config (`@RouteConfig(FILE_UPLOAD_ROUTE)`) of the routes that take a raw file body. */
export const FILE_UPLOAD_ROUTE = { fileUpload: true } as const;

function isFileUploadRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { fileUpload?: boolean } | undefined)?.fileUpload === true;
}

export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isUploadContentType(type: string): type is (typeof UPLOAD_CONTENT_TYPES)[number] {
  return (UPLOAD_CONTENT_TYPES as readonly string[]).includes(type);
}

/** Passes the body on until it exceeds `limit`, then fails with the 413 problem naming `file`. */
class BodyLimit extends Transform {
  private received = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) callback(MaterialException.tooLarge(this.limit));
    else callback(null, chunk);
  }
}

/**
 * Teaches the service's Fastify instance the file types of `POST /uploads` (the app is built by the
 * service platform; a module hook keeps the parser with the feature that needs it). Buffers the body up
 * to MATERIAL_MAX_BYTES on routes marked `FILE_UPLOAD_ROUTE` only; elsewhere these types stay 415.
 * The size check runs before parsing so that an oversized body, announced or not, answers the
 * feature's own 413 problem instead of Fastify's generic one.
 */
@Injectable()
export class UploadBodyParser implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(MATERIALS_CONFIG) private readonly config: MaterialsConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.host.httpAdapter.getInstance<FastifyInstance>();
    const limit = this.config.MATERIAL_MAX_BYTES;
    instance.addHook('preParsing', (request, _reply, payload, done) => {
      if (!isFileUploadRoute(request)) return done(null, payload);
      if (!isUploadContentType(mediaTypeOf(request.headers['content-type']))) return done(MaterialException.unsupportedType());
      if (Number(request.headers['content-length']) > limit) return done(MaterialException.tooLarge(limit));
      // pipeline, not pipe: a client abort must reach the parser as an error too.
      done(null, pipeline(payload, new BodyLimit(limit), () => undefined));
    });
    instance.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) => {
      if (isFileUploadRoute(request)) done(null, body);
      else done(new UnsupportedMediaTypeException('This endpoint takes JSON'), undefined);
    });
  }
}

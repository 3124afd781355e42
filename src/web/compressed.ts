// A response body kept once in identity, gzip and brotli form, with a strong ETag; sent by content negotiation.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CompressedBody {
  etag: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export function compressBody(body: string | Buffer, contentType: string): CompressedBody {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  return {
    etag,
    contentType,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
  };
}

function accepts(header: string, coding: string): boolean {
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    if (name.trim().toLowerCase() !== coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

export function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: CompressedBody, cacheControl: string): FastifyReply {
  reply.header('content-type', body.contentType).header('etag', body.etag).header('vary', 'Accept-Encoding').header('cache-control', cacheControl);
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === body.etag || t.trim() === `W/${body.etag}`)) {
    return reply.code(304).send();
  }
  const ae = request.headers['accept-encoding'] ?? '';
  if (accepts(ae, 'br')) return reply.header('content-encoding', 'br').send(body.br);
  if (accepts(ae, 'gzip')) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.identity);
}

// Test helpers for comments: solving the proof-of-work challenge as a browser would, and posting comments.
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestContext } from './engines.ts';

export const TR_ARTICLE = 'kas-spazmi-neden-olur';
export const EN_ARTICLE = 'what-causes-muscle-spasm';

let ipCounter = 0;
/** A fresh client address per call, so rate limits only bite where a test wants them to. */
export function freshIp(): string {
  ipCounter++;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
}

/** Fetches a challenge and solves it (SHA-256 brute force), like client/comments.ts does. */
export async function solvedProof(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/api/v1/comments/challenge' });
  if (res.statusCode !== 200) throw new Error(`challenge answered ${res.statusCode}`);
  const c = res.json<{ algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string }>();
  // The same brute force as the browser's, synchronous (node:crypto is far quicker per hash than crypto.subtle).
  let number = -1;
  for (let n = 0; n <= c.maxnumber; n++) {
    if (createHash('sha256').update(c.salt + String(n)).digest('hex') === c.challenge) {
      number = n;
      break;
    }
  }
  if (number < 0) throw new Error('no solution found');
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString('base64');
}

export interface PostOptions {
  ip?: string;
  proof?: boolean | string;
  cookie?: string;
}

/** POSTs a comment to the JSON API (with a solved proof of work unless told otherwise; the clock moves past the fill time). */
export async function postComment(ctx: TestContext, body: Record<string, unknown>, options: PostOptions = {}): Promise<LightMyRequestResponse> {
  const { app, clock } = ctx;
  let altcha: string | undefined;
  if (typeof options.proof === 'string') altcha = options.proof;
  else if (options.proof !== false) {
    altcha = await solvedProof(app);
    clock.now += 5000;
  }
  return app.inject({
    method: 'POST',
    url: '/api/v1/comments',
    payload: { article: TR_ARTICLE, locale: 'tr', name: 'Ayşe', body: 'Spazm sıklığı için ne önerirsiniz?', consent: true, ...(altcha ? { altcha } : {}), ...body },
    headers: { 'content-type': 'application/json', ...(options.cookie ? { cookie: options.cookie } : {}) },
    remoteAddress: options.ip ?? freshIp(),
  });
}

export function ownCookie(res: LightMyRequestResponse): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.find((c) => /^rc_own_[a-z]{2}_[a-z0-9-]+=[^;]/.test(c))?.split(';')[0];
}

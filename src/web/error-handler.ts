// One place that turns errors into responses: a localized page for HTML, application/problem+json for the API.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, negotiateLocale, translator, type Locale, type MessageKey } from '../i18n/index.ts';
import type { Assets } from './assets.ts';
import { DomainError, Invalid } from '../errors.ts';
import { renderDocument } from './render.ts';
import { ErrorPage } from './views/error-page.tsx';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** The language to answer in: the URL's /tr or /en prefix, a ?lang=, the signed-in person's language, or the browser's. */
export function requestLocale(request: FastifyRequest): Locale {
  const prefix = request.url.slice(1, 3);
  if (isLocale(prefix) && (request.url.length === 3 || '/?#'.includes(request.url[3]!))) return prefix;
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(lang)) return lang;
  if (request.staffLocale) return request.staffLocale;
  return negotiateLocale(request.headers['accept-language']);
}

export function sendProblem(reply: FastifyReply, status: number, title: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ type: 'about:blank', title, status, ...extra }));
}

const pageText: Record<number, [MessageKey, MessageKey]> = {
  400: ['error.badRequest.title', 'error.badRequest.body'],
  403: ['error.forbidden.title', 'error.forbidden.body'],
  404: ['error.notFound.title', 'error.notFound.body'],
  405: ['error.methodNotAllowed.title', 'error.badRequest.body'],
  413: ['error.badRequest.title', 'error.badRequest.body'],
  415: ['error.badRequest.title', 'error.badRequest.body'],
  422: ['error.badRequest.title', 'error.badRequest.body'],
  429: ['error.tooMany.title', 'error.tooMany.body'],
};

export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, assets: Assets, clinicName: string, override?: [MessageKey, MessageKey]): FastifyReply {
  const locale = requestLocale(request);
  const t = translator(locale);
  const [titleKey, bodyKey] = override ?? pageText[status] ?? ['error.server.title', 'error.server.body'];
  const html = renderDocument(
    ErrorPage({ locale, t, status, title: t(titleKey), body: t(bodyKey), clinicName, stylesheet: assets.url('site.css'), homePath: `/${locale}/` }),
  );
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function registerErrorHandling(app: FastifyInstance, assets: Assets, clinicName: () => string): void {
  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) return sendProblem(reply, 404, 'Not Found');
    return sendErrorPage(request, reply, 404, assets, clinicName());
  });

  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    let status = 500;
    if (error instanceof DomainError) status = error.status;
    else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) status = error.statusCode;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: 'code' in error ? error.code : undefined, status }, 'request refused');
    if (reply.sent) return;
    if (isApiRequest(request)) {
      if (error instanceof Invalid) return sendProblem(reply, 422, 'Invalid input', { errors: error.fields });
      if (status === 500) return sendProblem(reply, 500, 'Internal Server Error');
      const title = error instanceof DomainError ? error.message : status === 400 ? 'Bad Request' : (error.message || 'Error');
      return sendProblem(reply, status, title.slice(0, 200));
    }
    return sendErrorPage(request, reply, status, assets, clinicName());
  });
}

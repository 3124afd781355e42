// Wires the front desk into the app: back-office pages, the public waitlist-offer page and the staff JSON API.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { registerFrontDeskApi } from './api.ts';
import { registerFrontDeskRoutes } from './routes.ts';

export function registerFrontDesk(app: FastifyInstance, config: Config): void {
  registerFrontDeskRoutes(app, app.services.frontdesk, config);
  registerFrontDeskApi(app, app.services.frontdesk);
}

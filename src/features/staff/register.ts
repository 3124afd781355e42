// Wires the staff back office into the app: sessions and CSRF, first admin, sign-in, account and API routes.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { registerStaffApi } from './api.ts';
import { registerSessionHooks } from './http.ts';
import { registerAuthRoutes } from './routes.ts';

export async function registerStaffFeatures(app: FastifyInstance, deps: { config: Config; announce: (text: string) => void }): Promise<void> {
  const { config, announce } = deps;
  const { staff, settings } = app.services;
  registerSessionHooks(app, staff, config);
  registerAuthRoutes(app, config);
  registerStaffApi(app, config);

  const domain = settings.current.email.split('@')[1] ?? 'clinic.example';
  const first = await staff.ensureFirstAdmin(`admin@${domain}`);
  if (first) {
    announce(
      [
        '',
        '  First administrator account created (shown only this once):',
        `    e-mail:   ${first.email}`,
        `    password: ${first.password}`,
        `  Sign in at ${config.baseUrl}/admin and choose your own password.`,
        '',
      ].join('\n'),
    );
  }
}

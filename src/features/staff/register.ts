// Wires the staff back office into the app: sessions and CSRF, first admin, sign-in, account and API routes.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { registerStaffApi } from './api.ts';
import { registerSessionHooks } from './http.ts';
import { registerAuthRoutes } from './routes.ts';
import { registerStaffManagementRoutes } from './staff-routes.ts';
import { registerSettingsRoutes } from '../settings/routes.ts';
import { registerAuditRoutes } from '../audit/routes.ts';
import { registerResourceRoutes } from '../resources/routes.ts';
import { registerEditorRoutes } from '../editor/routes.ts';
import { registerAppointmentRoutes } from '../booking/staff-routes.ts';
import { registerPrivacyRoutes } from '../privacy/routes.ts';
import { registerFrontDesk } from '../frontdesk/register.ts';
import { registerCalendarRoutes } from '../calendar/routes.ts';
import { registerCommentStaffRoutes } from '../comments/staff-routes.ts';
import { registerMessageRoutes } from '../notifications/routes.ts';

export async function registerStaffFeatures(app: FastifyInstance, deps: { config: Config; announce: (text: string) => void }): Promise<void> {
  const { config, announce } = deps;
  const { staff, settings } = app.services;
  registerSessionHooks(app, staff, config);
  registerAuthRoutes(app, config);
  registerStaffManagementRoutes(app);
  registerAuditRoutes(app);
  registerStaffApi(app, config);
  registerSettingsRoutes(app);
  registerResourceRoutes(app);
  registerEditorRoutes(app);
  registerAppointmentRoutes(app);
  registerPrivacyRoutes(app);
  registerFrontDesk(app, config);
  registerCalendarRoutes(app);
  registerCommentStaffRoutes(app, app.services.comments);
  registerMessageRoutes(app);

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

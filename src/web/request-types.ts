// Request decorations shared by features.
import type { Locale } from '../i18n/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member's language, when there is one (used for error pages). */
    staffLocale?: Locale;
    /** Numbers shown beside back-office navigation entries, by href (filled by features' hooks, e.g. comments waiting). */
    navCounts?: Record<string, number>;
  }
}

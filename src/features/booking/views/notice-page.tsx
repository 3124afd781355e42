// The current KVKK information notice of bookings on a public page of its own: the booking form shows it inline, and
// the front desk gives callers booked by phone this address to read it.
import type { Locale } from '../../../i18n/index.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import type { LegalText as LegalTextRecord } from '../service.ts';
import { LegalText } from './parts.tsx';

export function NoticePage({ ctx, path, alternates, notice }: { ctx: PublicContext; path: string; alternates: Record<Locale, string>; notice: LegalTextRecord }) {
  const title = ctx.t('bookingPage.notice.summary', { version: notice.version });
  return (
    <PublicPage ctx={ctx} title={title} description={title} path={path} alternates={alternates} active="examination">
      <div class="wrap page bk">
        <h1>{title}</h1>
        <LegalText source={notice.bodyMd} label={title} />
      </div>
    </PublicPage>
  );
}

// The floating "ask us on WhatsApp" link; the page's script marks it open/closed from the hours in its data.
import { DateTime } from 'luxon';
import { groupDays } from '../../features/settings/weekly-hours.ts';
import type { PublicContext } from './public-layout.tsx';

const fixedOffsets = new Map<string, number | undefined>();

/** The zone's UTC offset in minutes when it has no daylight saving (sampled monthly over three years), else undefined. */
export function fixedOffsetMinutes(timeZone: string): number | undefined {
  if (fixedOffsets.has(timeZone)) return fixedOffsets.get(timeZone);
  const offsets = new Set<number>();
  for (let month = 0; month < 36; month++) offsets.add(DateTime.fromObject({ year: 2025 + Math.floor(month / 12), month: (month % 12) + 1, day: 15 }, { zone: timeZone }).offset);
  const fixed = offsets.size === 1 ? [...offsets][0] : undefined;
  fixedOffsets.set(timeZone, fixed);
  return fixed;
}

export function whatsappHref(number: string, template: string, pageTitle: string, pageUrl: string): string {
  const text = template.replaceAll('{page}', pageTitle).replaceAll('{url}', pageUrl);
  return `https://wa.me/${number}?text=${encodeURIComponent(text)}`;
}

export function WhatsAppButton({ ctx, pageTitle, pageUrl }: { ctx: PublicContext; pageTitle: string; pageUrl: string }) {
  const { settings, locale, t } = ctx;
  const hoursText = groupDays(settings.whatsappHours)
    .filter((g) => g.text)
    .map((g) => `${t(`weekday.${g.from}` as 'weekday.1')}${g.to !== g.from ? `–${t(`weekday.${g.to}` as 'weekday.1')}` : ''} ${g.text}`)
    .join('; ');
  return (
    <a
      class="wa-float"
      href={whatsappHref(settings.whatsappNumber, settings.whatsappMessage[locale], pageTitle, pageUrl)}
      rel="noopener"
      target="_blank"
      data-wa-hours={JSON.stringify(settings.whatsappHours)}
      data-wa-tz={settings.timeZone}
      data-wa-offset={fixedOffsetMinutes(settings.timeZone)}
      data-wa-open={t('whatsapp.open')}
      data-wa-closed={t('whatsapp.closed')}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" class="wa-icon">
        <path d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 18.2a8.2 8.2 0 0 1-4.2-1.1l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8s-.4-.1-.6.1-.7.8-.8 1-.3.2-.5.1a6.7 6.7 0 0 1-3.4-2.9c-.3-.4.3-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.7 11.8 11.8 0 0 0 4.5 4c1.7.7 2.3.8 3.2.6a2.7 2.7 0 0 0 1.8-1.2 2.2 2.2 0 0 0 .1-1.3c0-.1-.2-.2-.4-.3z" />
      </svg>
      <span class="wa-text">
        <span class="wa-label">{t('whatsapp.label')}</span>
        <span class="wa-status" data-wa-status="">
          {t('whatsapp.hours')}: {hoursText}
        </span>
      </span>
    </a>
  );
}

// Device utilization: booked ÷ available hours per device per day and per week, and a weekday × hour heat map that
// is itself a table (colour plus the percentage as text), so it needs no separate text alternative.
import type { Translate } from '../../../i18n/index.ts';
import type { Assets } from '../../../web/assets.ts';
import { Field, FilterSelect } from '../../../web/views/admin-layout.tsx';
import type { Usage, UtilizationReport } from '../service.ts';

export interface UtilizationPageProps {
  t: Translate;
  assets: Assets;
  report?: UtilizationReport | undefined;
  from: string;
  to: string;
  device: string;
  devices: Array<{ value: string; label: string }>;
  errors: Record<string, string>;
  formatHours: (minutes: number) => string;
  formatPercent: (ratio: number) => string;
  dayLabel: (date: string) => string;
  weekdayLabel: (weekday: number) => string;
}

function level(u: Usage): number {
  if (u.availableMinutes <= 0) return -1;
  return Math.min(10, Math.round((u.bookedMinutes / u.availableMinutes) * 10));
}

export function UtilizationPage(props: UtilizationPageProps) {
  const { t, report, errors, formatHours, formatPercent } = props;
  const ratio = (u: Usage) => (u.availableMinutes > 0 ? formatPercent(u.bookedMinutes / u.availableMinutes) : '—');
  const cell = (u: Usage) => (
    <td class={`num heat-${level(u) < 0 ? 'none' : level(u)}`}>
      <strong>{ratio(u)}</strong>
      <br />
      <span class="small">
        {u.availableMinutes > 0 || u.bookedMinutes > 0 ? t('calendar.report.cell', { booked: formatHours(u.bookedMinutes), available: formatHours(u.availableMinutes) }) : t('calendar.report.noHours')}
      </span>
    </td>
  );
  const heatDevice = props.device ? (props.devices.find((d) => d.value === props.device)?.label ?? '') : t('calendar.report.allDevices');
  return (
    <>
      <link rel="stylesheet" href={props.assets.url('calendar.css')} />
      <p>{t('calendar.report.intro')}</p>
      {Object.keys(errors).length ? (
        <div class="banner error" role="alert">
          {Object.values(errors).map((e) => (
            <p>{e}</p>
          ))}
        </div>
      ) : null}
      <form method="get" action="/admin/reports/utilization" class="filters" role="search" aria-label={t('calendar.report.title')}>
        <Field name="from" type="date" label={t('calendar.report.from')} value={props.from} error={errors.from} />
        <Field name="to" type="date" label={t('calendar.report.to')} value={props.to} error={errors.to} />
        <FilterSelect name="device" label={t('calendar.report.device')} value={props.device} anyLabel={t('calendar.report.allDevices')} options={props.devices} error={errors.device} />
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('calendar.show')}
          </button>
        </div>
      </form>
      {report && report.devices.length === 0 ? <p>{t('calendar.report.noDevices')}</p> : null}
      {report && report.devices.length ? (
        <>
          <h2 id="heat-heading">{t('calendar.report.heat.title')}</h2>
          <div class="table-wrap">
            <table class="heat" aria-labelledby="heat-heading">
              <caption>{t('calendar.report.heat.caption', { device: heatDevice })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.report.hour')}</th>
                  {[1, 2, 3, 4, 5, 6, 7].map((w) => (
                    <th scope="col">{props.weekdayLabel(w)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: report.heat.lastHour - report.heat.firstHour }, (_, i) => {
                  const hour = report.heat.firstHour + i;
                  return (
                    <tr>
                      <th scope="row">{`${String(hour).padStart(2, '0')}:00`}</th>
                      {[1, 2, 3, 4, 5, 6, 7].map((w) => {
                        const u = report.heat.cells.get(w)![i]!;
                        return <td class={`heat-cell heat-${level(u) < 0 ? 'none' : level(u)}`}>{u.availableMinutes > 0 ? ratio(u) : ''}</td>;
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h2 id="week-heading">{t('calendar.report.perWeek')}</h2>
          <div class="table-wrap">
            <table aria-labelledby="week-heading" class="usage">
              <thead>
                <tr>
                  <th scope="col">{t('calendar.report.device.col')}</th>
                  {report.weeks.map((w) => (
                    <th scope="col">{t('calendar.report.week', { date: props.dayLabel(w.monday) })}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.devices.map((d) => (
                  <tr>
                    <th scope="row">{d.name}</th>
                    {report.weeks.map((w) => cell(w.perDevice.get(d.key)!))}
                  </tr>
                ))}
                <tr class="total">
                  <th scope="row">{t('calendar.report.total')}</th>
                  {report.weeks.map((w) => cell(w.total))}
                </tr>
              </tbody>
            </table>
          </div>

          <h2 id="day-heading">{t('calendar.report.perDay')}</h2>
          <div class="table-wrap">
            <table aria-labelledby="day-heading" class="usage" id="per-day">
              <thead>
                <tr>
                  <th scope="col">{t('calendar.report.device.col')}</th>
                  {report.days.map((d) => (
                    <th scope="col">{props.dayLabel(d.date)}</th>
                  ))}
                  <th scope="col">{t('calendar.report.total')}</th>
                </tr>
              </thead>
              <tbody>
                {report.devices.map((d) => (
                  <tr data-device={d.key}>
                    <th scope="row">{d.name}</th>
                    {report.perDay.get(d.key)!.map((u) => cell(u))}
                    {cell(report.totals.get(d.key)!)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

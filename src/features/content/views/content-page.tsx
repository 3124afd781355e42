// Public content pages (home, robotic rehabilitation, therapies, articles, contact, free examination).
import { formatDate } from '../../../i18n/index.ts';
import { markdownToHtml } from '../../../web/views/markdown.ts';
import { HoursList, PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { whatsappHref } from '../../../web/views/whatsapp-button.tsx';
import type { PublicPageModel, ServiceListing } from '../service.ts';

export function ContentPage({ ctx, model }: { ctx: PublicContext; model: PublicPageModel }) {
  const { page, key } = model;
  const jsonLd = key === 'home' ? [clinicJsonLd(ctx)] : [breadcrumbJsonLd(ctx, model)];
  return (
    <PublicPage ctx={ctx} title={page.title} description={page.summary} path={model.path} alternates={model.alternates} active={key} jsonLd={jsonLd}>
      {key === 'home' ? <HomeBody ctx={ctx} model={model} /> : <StandardBody ctx={ctx} model={model} />}
    </PublicPage>
  );
}

function Markdown({ source }: { source: string }) {
  return <div class="prose" dangerouslySetInnerHTML={{ __html: markdownToHtml(source) }} />;
}

function HomeBody({ ctx, model }: { ctx: PublicContext; model: PublicPageModel }) {
  const { page, services } = model;
  return (
    <>
      <section class="hero">
        <div class="wrap">
          <h1>{page.title}</h1>
          <p class="lead">{page.summary}</p>
          <p class="hero-actions">
            <a class="button primary" href={ctx.nav.examination}>
              {ctx.settings.ctaLabel[ctx.locale]}
            </a>
            <a class="button" href={ctx.nav.robotic}>
              {ctx.t('nav.robotic')}
            </a>
          </p>
        </div>
      </section>
      <div class="wrap">
        <Markdown source={page.body_md} />
        <ServiceCards ctx={ctx} services={services} />
      </div>
    </>
  );
}

function StandardBody({ ctx, model }: { ctx: PublicContext; model: PublicPageModel }) {
  const { page, key, services } = model;
  const { t, locale, settings } = ctx;
  return (
    <div class="wrap page">
      <h1>{page.title}</h1>
      <p class="lead">{page.summary}</p>
      <Markdown source={page.body_md} />
      {key === 'robotic' ? (
        <section aria-labelledby="devices">
          <h2 id="devices">{t('robotic.devices')}</h2>
          <ServiceDetails ctx={ctx} services={services} />
        </section>
      ) : null}
      {key === 'therapies' ? <ServiceDetails ctx={ctx} services={services} /> : null}
      {key === 'contact' || key === 'examination' ? (
        <section class="contact-box" aria-labelledby="reach">
          <h2 id="reach">{key === 'examination' ? t('cta.book') : t('contact.details')}</h2>
          <ul class="contact-actions">
            <li>
              <a class="button primary" href={`tel:${settings.phone.replace(/[^\d+]/g, '')}`}>
                {t('contact.call', { phone: settings.phone })}
              </a>
            </li>
            <li>
              <a class="button" href={whatsappHref(settings.whatsappNumber, settings.whatsappMessage[locale], page.title, ctx.baseUrl + model.path)} rel="noopener">
                {t('contact.whatsapp')}
              </a>
            </li>
            <li>
              <a class="button" href={`mailto:${settings.email}`}>
                {t('contact.mail')}
              </a>
            </li>
          </ul>
          {key === 'contact' ? (
            <div class="contact-grid">
              <div>
                <h3>{t('footer.address')}</h3>
                <p>{settings.address}</p>
                <p>
                  <a href={settings.mapUrl} rel="noopener">
                    {t('footer.map')}
                  </a>
                </p>
              </div>
              <div>
                <h3>{t('footer.hours')}</h3>
                <HoursList t={t} hours={settings.openingHours} />
              </div>
            </div>
          ) : null}
        </section>
      ) : null}
      <p class="updated muted">{t('page.updated', { date: formatDate(locale, page.updated_at, settings.timeZone) })}</p>
    </div>
  );
}

function ServiceCards({ ctx, services }: { ctx: PublicContext; services: ServiceListing[] }) {
  return (
    <ul class="cards">
      {services.map((s) => (
        <li class="card">
          <h2>
            <a href={`${s.category === 'robotic' ? ctx.nav.robotic : ctx.nav.therapies}#${s.key}`}>{s.name}</a>
          </h2>
          <p>{s.summary}</p>
        </li>
      ))}
    </ul>
  );
}

function ServiceDetails({ ctx, services }: { ctx: PublicContext; services: ServiceListing[] }) {
  return (
    <div class="services">
      {services.map((s) => (
        <section id={s.key} class="service" aria-labelledby={`${s.key}-title`}>
          <h2 id={`${s.key}-title`}>{s.name}</h2>
          <p class="lead">{s.summary}</p>
          <Markdown source={s.bodyMd} />
          <p class="muted">{ctx.t('therapies.duration', { minutes: s.durationMinutes })}</p>
        </section>
      ))}
    </div>
  );
}

function clinicJsonLd(ctx: PublicContext): object {
  const { settings, baseUrl, locale } = ctx;
  const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalClinic',
    name: settings.clinicName,
    url: `${baseUrl}/${locale}/`,
    telephone: settings.phone,
    email: settings.email,
    address: { '@type': 'PostalAddress', streetAddress: settings.address },
    hasMap: settings.mapUrl,
    openingHoursSpecification: settings.openingHours.map((h) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${dayNames[h.day - 1]}`,
      opens: h.opens,
      closes: h.closes,
    })),
    medicalSpecialty: 'PhysicalTherapy',
  };
}

function breadcrumbJsonLd(ctx: PublicContext, model: PublicPageModel): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: ctx.t('nav.home'), item: ctx.baseUrl + ctx.nav.home },
      { '@type': 'ListItem', position: 2, name: model.page.title, item: ctx.baseUrl + model.path },
    ],
  };
}

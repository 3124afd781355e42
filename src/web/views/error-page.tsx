// A self-contained error page: it must render even when the database is the thing that failed.
import type { Locale, Translate } from '../../i18n/index.ts';

export function ErrorPage(props: { locale: Locale; t: Translate; status: number; title: string; body: string; clinicName: string; stylesheet: string; homePath: string }) {
  const { locale, t, status, title, body, clinicName, stylesheet, homePath } = props;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} | ${clinicName}`}</title>
        <link rel="stylesheet" href={stylesheet} />
      </head>
      <body>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={homePath}>
              {clinicName}
            </a>
          </div>
        </header>
        <main id="main" class="wrap page error-page">
          <p class="muted">{t('error.code', { code: status })}</p>
          <h1>{title}</h1>
          <p>{body}</p>
          <p>
            <a class="button primary" href={homePath}>
              {t('error.backHome')}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}

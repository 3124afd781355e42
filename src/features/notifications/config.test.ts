// The notifications' environment variables: defaults, WhatsApp needs both halves, template names per language.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

const base = { SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/rehab-config-test' };

describe('notifications configuration', () => {
  it('defaults to .eml files, no WhatsApp, a 5 s poll and 8 attempts', () => {
    const n = loadConfig(base).notifications;
    expect(n).toEqual({
      smtpUrl: undefined,
      mailFrom: undefined,
      whatsapp: undefined,
      whatsappTemplates: { confirmation: { tr: 'appointment_confirmation', en: 'appointment_confirmation' }, reminder: { tr: 'appointment_reminder', en: 'appointment_reminder' } },
      pollMs: 5000,
      maxAttempts: 8,
    });
  });

  it('reads SMTP, WhatsApp and per-language templates', () => {
    const n = loadConfig({
      ...base,
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      MAIL_FROM: 'Klinik <randevu@klinik.example>',
      WHATSAPP_TOKEN: 'EAAG',
      WHATSAPP_PHONE_NUMBER_ID: '1098765',
      WHATSAPP_API_URL: 'https://graph.example/v21.0/',
      WHATSAPP_TEMPLATE_REMINDER: 'tr=randevu_hatirlatma, en=appointment_reminder',
      OUTBOX_POLL_SECONDS: '0.5',
      OUTBOX_MAX_ATTEMPTS: '3',
    }).notifications;
    expect(n.smtpUrl).toBe('smtps://user:pass@mail.example:465');
    expect(n.whatsapp).toEqual({ token: 'EAAG', phoneNumberId: '1098765', apiUrl: 'https://graph.example/v21.0' });
    expect(n.whatsappTemplates.reminder).toEqual({ tr: 'randevu_hatirlatma', en: 'appointment_reminder' });
    expect([n.pollMs, n.maxAttempts]).toEqual([500, 3]);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ ...base, WHATSAPP_TOKEN: 'EAAG' })).toThrow(new ConfigError('WHATSAPP_PHONE_NUMBER_ID: WhatsApp needs both WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID'));
    expect(() => loadConfig({ ...base, WHATSAPP_PHONE_NUMBER_ID: '1' })).toThrow(/^WHATSAPP_TOKEN:/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'mail.example' })).toThrow(/^SMTP_URL: must be an smtp/);
    expect(() => loadConfig({ ...base, WHATSAPP_TEMPLATE_CONFIRMATION: 'tr=randevu_onayi' })).toThrow(/^WHATSAPP_TEMPLATE_CONFIRMATION: give a template for both tr and en/);
    expect(() => loadConfig({ ...base, WHATSAPP_TEMPLATE_CONFIRMATION: 'de=termin,en=x' })).toThrow(/^WHATSAPP_TEMPLATE_CONFIRMATION: "de=termin"/);
    expect(() => loadConfig({ ...base, OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/^OUTBOX_MAX_ATTEMPTS:/);
  });
});

// Delivery channels. E-mail: nodemailer over SMTP_URL, or — without it — .eml files under <DATA_DIR>/mail/ so a demo
// works offline. WhatsApp: the Business Cloud API (Graph API) with template messages. A sender either resolves with
// the provider's id or throws a DeliveryError saying whether trying again can help.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboxRow } from '../../db/schema.ts';
import type { EmailAttachment } from './outbox.ts';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The provider asked us to wait at least this long (HTTP 429 Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** WhatsApp without the Cloud API configured: staff send the message themselves (wa.me link). */
export class ManualDelivery extends Error {
  override name = 'ManualDelivery';
}

export interface Sender {
  send(message: OutboxRow): Promise<{ providerId: string }>;
}

const SEND_TIMEOUT_MS = 20_000;

export interface EmailSenderOptions {
  smtpUrl: string | undefined;
  /** "Clinic <info@clinic.example>"; read per message so a settings change applies at once. */
  from: () => string;
  mailDir: string;
  /** Host part of the Message-ID (stable per outbox row, so a resend after a crash can be recognised). */
  messageIdHost: string;
}

export class EmailSender implements Sender {
  readonly #options: EmailSenderOptions;
  readonly #transport: Transporter;
  readonly toFiles: boolean;

  constructor(options: EmailSenderOptions) {
    this.#options = options;
    this.toFiles = !options.smtpUrl;
    this.#transport = options.smtpUrl
      ? nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(message: OutboxRow): Promise<{ providerId: string }> {
    const attachments = message.attachments ? (JSON.parse(message.attachments) as EmailAttachment[]) : [];
    const messageId = `<outbox-${message.id}@${this.#options.messageIdHost}>`;
    const mail = {
      from: this.#options.from(),
      to: message.recipient,
      subject: message.subject ?? '',
      text: message.body_text,
      ...(message.body_html ? { html: message.body_html } : {}),
      messageId,
      headers: { 'Content-Language': message.locale, 'Auto-Submitted': 'auto-generated' },
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    };
    try {
      const info = (await this.#transport.sendMail(mail)) as { messageId?: string; message?: Buffer };
      if (this.toFiles) {
        if (!Buffer.isBuffer(info.message)) throw new DeliveryError('the mail could not be rendered', true);
        await mkdir(this.#options.mailDir, { recursive: true });
        const file = path.join(this.#options.mailDir, `${new Date(message.created_at).toISOString().replace(/[:.]/g, '-')}-${message.id}.eml`);
        await writeFile(`${file}.tmp`, info.message);
        await rename(`${file}.tmp`, file);
        return { providerId: path.basename(file) };
      }
      return { providerId: info.messageId ?? messageId };
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      const e = err as { responseCode?: number; code?: string; message?: string };
      // 5xx SMTP replies (no such mailbox, rejected) will not change by trying again; everything else may.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      const detail = e.responseCode ? `SMTP ${e.responseCode}: ${e.message ?? ''}` : `${e.code ?? 'error'}: ${e.message ?? String(err)}`;
      throw new DeliveryError(detail.slice(0, 500), permanent);
    }
  }

  close(): void {
    this.#transport.close();
  }
}

export interface WhatsAppOptions {
  token: string;
  phoneNumberId: string;
  apiUrl: string;
  /** Graph API language code per locale. */
  languages?: Record<'tr' | 'en', string>;
}

interface GraphError {
  error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };
}

/** Graph API error codes that mean "slow down" (throttling) rather than "this message is wrong". */
const THROTTLE_CODES = new Set([4, 80007, 130429, 131048, 131056]);

export class WhatsAppSender implements Sender {
  readonly #options: WhatsAppOptions;

  constructor(options: WhatsAppOptions | undefined) {
    this.#options = options ?? { token: '', phoneNumberId: '', apiUrl: '' };
    this.configured = options !== undefined;
  }

  readonly configured: boolean;

  async send(message: OutboxRow): Promise<{ providerId: string }> {
    if (!this.configured) throw new ManualDelivery('WhatsApp Cloud API not configured');
    const template = message.whatsapp_template ? (JSON.parse(message.whatsapp_template) as { name: string; params: string[] }) : undefined;
    const languages = this.#options.languages ?? { tr: 'tr', en: 'en' };
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.recipient.replace(/^\+/, ''),
      ...(template
        ? {
            type: 'template',
            template: {
              name: template.name,
              language: { code: languages[message.locale] },
              components: template.params.length ? [{ type: 'body', parameters: template.params.map((text) => ({ type: 'text', text })) }] : [],
            },
          }
        : { type: 'text', text: { preview_url: false, body: message.body_text } }),
    };
    let response: Response;
    try {
      response = await fetch(`${this.#options.apiUrl}/${this.#options.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (err) {
      throw new DeliveryError(`WhatsApp API unreachable: ${err instanceof Error ? err.message : String(err)}`, false);
    }
    const text = await response.text();
    let json: (GraphError & { messages?: Array<{ id?: string }> }) | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    if (response.ok) {
      const id = json?.messages?.[0]?.id;
      if (!id) throw new DeliveryError('WhatsApp API answered without a message id', false);
      return { providerId: id };
    }
    const code = json?.error?.code;
    const detail = `WhatsApp ${response.status}${code !== undefined ? ` (code ${code})` : ''}: ${json?.error?.error_data?.details ?? json?.error?.message ?? text.slice(0, 200)}`;
    if (response.status === 429 || (code !== undefined && THROTTLE_CODES.has(code))) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new DeliveryError(detail, false, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    // Server trouble and an expired or revoked token (fixed by the clinic) may pass; a bad number or template will not.
    const transient = response.status >= 500 || response.status === 401 || response.status === 403 || response.status === 408;
    throw new DeliveryError(detail.slice(0, 500), !transient);
  }
}

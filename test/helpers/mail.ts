// Test doubles for the notifications feature, all real network servers on 127.0.0.1: an SMTP server (smtp-server)
// that keeps every mail and can refuse recipients, a small MIME reader, and a fake of the WhatsApp Cloud API.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Reply to RCPT TO for this address with the given SMTP code (e.g. 451 try later, 550 no such mailbox). */
  refuse: Map<string, number>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address.toLowerCase());
      if (code) {
        const err = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---------- a small MIME reader (enough for what nodemailer writes) ----------

export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  filename?: string | undefined;
  body: string;
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  parts: MimePart[];
  text: string;
  html: string;
  attachments: MimePart[];
}

export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_whole, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const clean = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(clean[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\*?=("([^"]*)"|[^;\\s]+)`, 'i').exec(header);
  return m ? decodeWords(m[2] ?? m[1]!) : undefined;
}

function leafParts(raw: string): MimePart[] {
  const { headers, body } = splitHeaders(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(contentType)) {
    const boundary = param(contentType, 'boundary')!;
    const sections = body.split(`--${boundary}`).slice(1);
    return sections.filter((s) => !s.startsWith('--')).flatMap((s) => leafParts(s.replace(/^\r?\n/, '')));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const decoded = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  const disposition = headers.get('content-disposition') ?? '';
  return [{ headers, contentType, filename: param(disposition, 'filename') ?? param(contentType, 'name'), body: decoded }];
}

export function parseMail(raw: string): ParsedMail {
  const { headers } = splitHeaders(raw);
  const parts = leafParts(raw);
  const attachments = parts.filter((p) => /attachment/i.test(p.headers.get('content-disposition') ?? '') || p.filename !== undefined);
  const inline = parts.filter((p) => !attachments.includes(p));
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    parts,
    text: inline.find((p) => /^text\/plain/i.test(p.contentType))?.body.replace(/\r\n/g, '\n') ?? '',
    html: inline.find((p) => /^text\/html/i.test(p.contentType))?.body ?? '',
    attachments,
  };
}

// ---------- a fake of the WhatsApp Business Cloud API (Graph API) ----------

export interface FakeWhatsAppRequest {
  path: string;
  authorization: string;
  body: {
    messaging_product: string;
    to: string;
    type: string;
    template?: { name: string; language: { code: string }; components: Array<{ type: string; parameters: Array<{ type: string; text: string }> }> };
    text?: { body: string };
  };
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeWhatsApp {
  url: string;
  requests: FakeWhatsAppRequest[];
  /** Answers to give next, in order; when empty, every request succeeds with a fresh message id. */
  answers: FakeAnswer[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const requests: FakeWhatsAppRequest[] = [];
  const answers: FakeAnswer[] = [];
  let counter = 0;
  const server = http.createServer((request, response) => {
    void readBody(request).then((text) => {
      requests.push({ path: request.url ?? '', authorization: String(request.headers.authorization ?? ''), body: JSON.parse(text) as FakeWhatsAppRequest['body'] });
      const answer = answers.shift() ?? {
        status: 200,
        body: { messaging_product: 'whatsapp', contacts: [{ input: 'x', wa_id: 'x' }], messages: [{ id: `wamid.TEST${++counter}` }] },
      };
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v21.0`,
    requests,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

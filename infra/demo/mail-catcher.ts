import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the catcher received: the SMTP envelope and the parsed message. */
export type CaughtMail = {
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  receivedAt: Date;
};

export type MailCatcher = {
  /** The SMTP port it listens on (127.0.0.1). */
  port: number;
  /** Every mail received, in order. */
  mails: CaughtMail[];
  /** The next `count` DATA commands are refused with `code` (default 451, refused for now): the tests' retries. */
  refuseNextData(count: number, code?: number): void;
  stop(): Promise<void>;
};

/**
 * A local SMTP server that keeps every mail it receives (issue 12 §5): the demo's catcher (with `startMailViewer`)
 * and the tests' receiver of the real SMTP traffic. Loopback only; no TLS; any or no login is accepted.
 */
export async function startMailCatcher({ port = 0 }: { port?: number } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'demo' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const text =
            refusalCode < 500 ? 'Hộp thư tạm thời bận, xin thử lại sau' : 'Không nhận thư cho <nguoi.nhan@example.vn>';
          const refused = Object.assign(new Error(text), { responseCode: refusalCode });
          callback(refused);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((m) => {
            mails.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: m.messageId ?? '',
              from: m.from?.text ?? '',
              to: (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).map((a) => a.text).join(', '),
              subject: m.subject ?? '',
              text: m.text ?? '',
              receivedAt: new Date(),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    mails,
    refuseNextData(count, code = 451) {
      refusals = count;
      refusalCode = code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A tiny web page listing the caught mails, newest first (and `/mails.json`). Loopback only. */
export async function startMailViewer(
  catcher: MailCatcher,
  { port = 0 }: { port?: number } = {},
): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/mails.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(catcher.mails));
      return;
    }
    const items = [...catcher.mails]
      .reverse()
      .map(
        (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p><b>Đến:</b> ${escapeHtml(m.to)} · <b>Từ:</b> ${escapeHtml(m.from)} · ${m.receivedAt.toISOString()}</p>
<pre>${escapeHtml(m.text)}</pre></article>`,
      )
      .join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thư đã nhận (${catcher.mails.length})</title>
<meta http-equiv="refresh" content="10"><style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto}
article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style></head>
<body><h1>Thư đã nhận: ${catcher.mails.length}</h1>${items || '<p>Chưa có thư nào.</p>'}</body></html>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

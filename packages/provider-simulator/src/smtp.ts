import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '@busline/shared';
import type { MessageLog } from './messages';

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))
    .filter(Boolean);

/**
 * An SMTP server that accepts every message (any or no credentials, no TLS) and keeps it in the
 * log: the mailbox of every address, for development and tests. Never reachable from outside.
 */
export function createSmtpSink(deps: { log: MessageLog; logger: Logger }) {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    banner: 'Busline provider simulator',
    onAuth: (_auth, _session, callback) => callback(null, { user: 'simulator' }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          deps.log.mail.push({
            messageId: mail.messageId ?? null,
            from: addresses(mail.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: envelopeTo.length > 0 ? envelopeTo : addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
            receivedAt: new Date().toISOString(),
          });
          deps.logger.info({ to: envelopeTo, subject: mail.subject }, 'simulator mail received');
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', (error) => deps.logger.warn({ err: error }, 'simulator SMTP error'));
  let url = '';
  return {
    get url() {
      return url;
    },
    async start(port: number, host: string): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.server.address() as AddressInfo;
      url = `smtp://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      return url;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

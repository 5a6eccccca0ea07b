import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (smtp-server), each message read back with mailparser. Like a
 * mailbox provider, it keeps one copy per Message-ID: `received` counts every transaction,
 * `messages` what the person would see, `arrivals` every message that arrived (repeats too), in order.
 */
export async function startSmtpPeer() {
  const messages = new Map<string, ParsedMail>();
  const arrivals: ParsedMail[] = [];
  let received = 0;
  let refuseNext = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        stream.resume();
        // Named as real servers do: the mailbox they refused.
        const to = session.envelope.rcptTo[0]?.address ?? '';
        stream.on('end', () =>
          callback(Object.assign(new Error(`<${to}>: mailbox busy, try later`), { responseCode: 451 })),
        );
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received += 1;
          arrivals.push(mail);
          const id = mail.messageId ?? `none-${received}`;
          if (!messages.has(id)) messages.set(id, mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    arrivals,
    get received() {
      return received;
    },
    /** The next n messages are refused with a temporary 451. */
    refuse(n: number) {
      refuseNext = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type GatewayMessage = {
  to: string;
  text: string;
  ref: string;
  sender: string;
  key: string | undefined;
};

async function bodyOf(req: IncomingMessage): Promise<Record<string, string>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return req.headers['content-type']?.includes('json')
    ? JSON.parse(raw)
    : Object.fromEntries(new URLSearchParams(raw));
}

/**
 * A bulk-SMS gateway on loopback that answers like the common Pakistani ones: JSON or form fields
 * (msisdn, msg, client_ref, api_key, mask), 200 with a message id, and it keeps one message per
 * client reference (a resend is acknowledged, not sent again); `arrivals` keeps every accepted
 * request (repeats too), in order. `failWith` queues answers such as 503 or 400 for the next requests.
 */
export async function startSmsGateway(opts: { key?: string } = {}) {
  const messages = new Map<string, GatewayMessage>();
  const arrivals: GatewayMessage[] = [];
  const failures: number[] = [];
  let received = 0;
  const server: Server = createServer((req, res) => {
    bodyOf(req)
      .then((b) => {
        received += 1;
        const fail = failures.shift();
        if (fail) {
          res.writeHead(fail, { 'content-type': 'application/json' });
          // As real gateways do, a refusal names the number it refused.
          const message = fail === 400 ? `invalid number ${b.msisdn ?? ''}` : 'busy';
          res.end(JSON.stringify({ status: 'error', message }));
          return;
        }
        const key = b.api_key ?? req.headers.authorization?.replace(/^Bearer /, '');
        if (opts.key && key !== opts.key) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', message: 'bad key' }));
          return;
        }
        const m = { to: b.msisdn!, text: b.msg!, ref: b.client_ref!, sender: b.mask!, key };
        arrivals.push(m);
        if (!messages.has(m.ref)) messages.set(m.ref, m);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', message_id: `gw-${m.ref.slice(0, 8)}` }));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/send`,
    messages,
    arrivals,
    get received() {
      return received;
    },
    failWith(...statuses: number[]) {
      failures.push(...statuses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The gateway configuration for the peer above. */
export const gatewayFields = { to: 'msisdn', text: 'msg', ref: 'client_ref', key: 'api_key', sender: 'mask' };

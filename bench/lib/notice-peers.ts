/**
 * The notifications drain's peers (bench/notifications.ts), in a process of their own as real ones
 * would be: a light SMTP server (smtp-server) that reads each Message-ID from the header block
 * (parsing every body with mailparser would make the peer, not Markaz, the bottleneck; the tests
 * use mailparser) and an HTTP bulk-SMS gateway that keeps each client reference once. Tells its
 * parent the two ports; on 'report' answers every id received and how often.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const mails = new Map<string, number>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 256,
  onData(stream, _s, cb) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? 'missing';
      mails.set(id, (mails.get(id) ?? 0) + 1);
      cb();
    });
  },
});
await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));

const sms = new Map<string, number>();
const gateway = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const ref = (JSON.parse(body) as { client_ref: string }).client_ref;
    sms.set(ref, (sms.get(ref) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"status":"ok","message_id":"gw-${ref.slice(0, 8)}"}`);
  });
});
gateway.keepAliveTimeout = 60_000;
await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));

process.on('message', (m: unknown) => {
  if (m !== 'report') return;
  process.send!({ mails: [...mails], sms: [...sms] }, () => {
    smtp.close(() => {});
    gateway.close();
    process.disconnect();
  });
});
process.send!({
  smtpPort: (smtp.server.address() as AddressInfo).port,
  gwPort: (gateway.address() as AddressInfo).port,
});

import type { FastifyRequest } from 'fastify';

/**
 * What the request log says of a request (issue 22: logs never carry personal data). Fastify's
 * default logs the whole URL, so a staff search by CNIC, mobile or email (`/api/v1/users?q=…`), an
 * unsubscribe link's token or any other query value would sit in the log in clear. The log keeps
 * the path and the names of the query parameters; their values are replaced.
 */
export function urlForLog(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return `${eq < 0 ? part : part.slice(0, eq)}=…`;
    });
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** Fastify's request serializer, with the URL as `urlForLog` gives it. */
export function requestForLog(req: FastifyRequest) {
  return {
    method: req.method,
    url: urlForLog(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
}

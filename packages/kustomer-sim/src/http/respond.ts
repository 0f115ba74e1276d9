/** Writing responses: JSON bodies, optionally cut short (the `truncate` fault). */
import type { ServerResponse } from 'node:http';

/**
 * A truncated body keeps a Content-Length that matches the bytes sent, so the HTTP exchange completes cleanly
 * and the client's JSON parser is what fails, as with a proxy that cut the payload.
 */
export function sendJson(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: unknown, truncate: boolean): void {
  const full = Buffer.from(JSON.stringify(body));
  const payload = truncate ? full.subarray(0, Math.max(1, Math.floor(full.length / 2))) : full;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
  });
  response.end(payload);
}

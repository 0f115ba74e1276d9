// The one map from a Kustomer response to what the client does: each status class, both error body shapes, both
// x-ratelimit-reset units and Retry-After forms. Bodies are the shapes kustomer-sim serves (its http/errors.ts).
import t from 'tap';
import { backoffMs, classify, describeErrorBody, rateLimitWaitMs } from '../src/http/classify.js';

const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const request = { stream: 'conversations', host: 'api.prod2.kustomerapp.com', role: 'org.permission.conversation.read' };
const headers = (values: Record<string, string>) => (name: string): string | null => values[name] ?? null;
const response = (status: number, body: unknown = '', values: Record<string, string> = {}) =>
  ({ status, header: headers(values), bodyText: typeof body === 'string' ? body : JSON.stringify(body) });
const shapeA = (code: string, message: string) => ({ errors: [{ code, message, meta: {} }] });
const half = () => 0.5;

t.test('2xx is ok; 429 waits for the window; 5xx backs off; 400, 401, 403 and 404 are never retried', async (t) => {
  t.same(classify(response(200), request, 1, NOW, half), { kind: 'ok' });
  t.same(classify(response(429, shapeA('rate_limited', 'Too Many Requests'), { 'x-ratelimit-reset': String(NOW / 1000 + 12) }), request, 1, NOW, half),
    { kind: 'retry', waitMs: 12_250, reason: 'rate limited (429)' });
  t.same(classify(response(503), request, 3, NOW, half), { kind: 'retry', waitMs: 3_000, reason: 'server error 503' });
  for (const status of [400, 401, 403, 404]) t.equal(classify(response(status), request, 1, NOW, half).kind, 'fatal', `${status}`);
});

t.test('a 401 names the host and the region rule, a 403 the stream and the role; neither quotes a token', async (t) => {
  const unauthorized = classify(response(401, shapeA('unauthorized', 'Invalid token')), request, 1, NOW, half);
  t.same(unauthorized, {
    kind: 'fatal', category: 'configuration',
    message: 'Kustomer refused the API key at api.prod2.kustomerapp.com (401 unauthorized: Invalid token); check api_token, and that the key was issued in this region (region, base_url or org_name): keys work only where they were issued',
  });
  const forbidden = classify(response(403, shapeA('forbidden', 'Missing role')), request, 1, NOW, half);
  t.same(forbidden, {
    kind: 'fatal', category: 'permission',
    message: 'stream conversations needs the role org.permission.conversation.read, which the API key lacks (403 forbidden: Missing role); create a key with that role, or deselect the stream',
  });
});

t.test('both Kustomer error body shapes become one line, with the member or parameter at fault', async (t) => {
  t.equal(describeErrorBody(JSON.stringify(shapeA('not_found', 'No resource at /v1/nope.'))), 'not_found: No resource at /v1/nope.');
  const shapeB = { errors: [{ status: '400', code: 'bad_request', title: 'Invalid request body', detail: 'not a date:\nyesterday', source: { pointer: '/and/0' }, meta: {} }] };
  t.equal(describeErrorBody(JSON.stringify(shapeB)), 'bad_request: not a date: yesterday (at /and/0)');
  const parameter = { errors: [{ status: '400', code: 'bad_request', title: 'Invalid query parameter', detail: 'page must be 1-100', source: { parameter: 'page' } }] };
  t.equal(describeErrorBody(JSON.stringify(parameter)), 'bad_request: page must be 1-100 (query parameter page)');
  t.equal(describeErrorBody(''), 'no error body');
  t.equal(describeErrorBody('<html>502 Bad Gateway</html>'), 'a body that is not a Kustomer error', 'an HTML body is not echoed');
  t.equal(classify(response(400, shapeB), request, 1, NOW, half).kind, 'fatal');
});

t.test('the rate-limit wait reads Retry-After (seconds or a date), else x-ratelimit-reset (epoch or delta seconds), bounded', async (t) => {
  t.equal(rateLimitWaitMs(headers({ 'retry-after': '7', 'x-ratelimit-reset': String(NOW / 1000 + 50) }), NOW), 7_000, 'Retry-After wins');
  t.equal(rateLimitWaitMs(headers({ 'retry-after': new Date(NOW + 9_000).toUTCString() }), NOW), 9_000, 'an HTTP date');
  t.equal(rateLimitWaitMs(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 30) }), NOW), 30_250, 'epoch seconds');
  t.equal(rateLimitWaitMs(headers({ 'x-ratelimit-reset': '30' }), NOW), 30_250, 'delta seconds');
  t.equal(rateLimitWaitMs(headers({ 'x-ratelimit-reset': String(NOW / 1000 - 5) }), NOW), 0, 'a reset already past');
  t.equal(rateLimitWaitMs(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 86_400 * 30) }), NOW), 120_000, 'a month away is not believed');
  t.equal(rateLimitWaitMs(headers({}), NOW), 60_000, 'no header: one window');
});

t.test('backoff doubles from 1 s to a 32 s cap with jitter in the upper half', async (t) => {
  t.same([1, 2, 3, 6, 7, 12].map((a) => backoffMs(a, () => 0)), [500, 1_000, 2_000, 16_000, 16_000, 16_000]);
  t.same([1, 2, 6].map((a) => backoffMs(a, () => 0.999999)), [1_000, 2_000, 32_000]);
});

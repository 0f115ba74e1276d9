import t from 'tap';
import { api, search, updatedBody, withSim } from './helpers.js';

const shapeA = (code: string) => ({ errors: [{ code, message: String, meta: {} }] });

t.test('a request without a bearer token gets a shape-A 401', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const response = await api(sim, 'GET', '/v1/users', undefined, null);
  t.equal(response.status, 401);
  t.match(response.json, shapeA('unauthorized'));
  t.equal(response.json.errors.length, 1);
});

t.test('a wrong token gets a shape-A 401 and an expired one says "Expired token"', async (t) => {
  const sim = await withSim(t, { scale: 10, tokens: { old: { roles: ['org.permission.user.read'], expiresAt: '2025-01-01T00:00:00Z' } } });
  const wrong = await api(sim, 'GET', '/v1/users', undefined, 'nope');
  t.equal(wrong.status, 401);
  t.match(wrong.json, shapeA('unauthorized'));
  const expired = await api(sim, 'GET', '/v1/users', undefined, 'old');
  t.equal(expired.status, 401);
  t.match(expired.json.errors[0].message, /Expired token/);
});

t.test('a token lacking a role gets a shape-A 403 for that resource only', async (t) => {
  const sim = await withSim(t, {
    scale: 10,
    tokens: { limited: { roles: ['org.permission.search.create', 'org.permission.conversation.read', 'org.user.team.read'] } },
  });
  const customers = await search(sim, updatedBody('customer', 'gte', '2000-01-01'), 1, 10, 'limited');
  t.equal(customers.status, 403);
  t.match(customers.json, shapeA('forbidden'));
  t.match(customers.json.errors[0].message, /org\.permission\.customer\.read/);
  const conversations = await search(sim, updatedBody('conversation', 'gte', '2000-01-01'), 1, 10, 'limited');
  t.equal(conversations.status, 200);
  t.equal((await api(sim, 'GET', '/v1/users', undefined, 'limited')).status, 403);
  t.equal((await api(sim, 'GET', '/v1/teams', undefined, 'limited')).status, 200, 'legacy role names count');
});

t.test('GET /v1/auth/tokens/current and /v1/users/current work with any valid token', async (t) => {
  const sim = await withSim(t, { scale: 10, tokens: { bare: { roles: [] } } });
  const token = await api(sim, 'GET', '/v1/auth/tokens/current', undefined, 'bare');
  t.equal(token.status, 200);
  t.same(token.json.data.attributes.roles, []);
  const user = await api(sim, 'GET', '/v1/users/current', undefined, 'bare');
  t.equal(user.status, 200);
  t.equal(user.json.data.attributes.userType, 'machine');
  const slash = await api(sim, 'GET', '/v1/users/current/', undefined, 'bare');
  t.equal(slash.status, 200, 'the trailing slash singer-io sends');
  t.same(slash.json, user.json);
  t.equal((await api(sim, 'GET', '/v1/users/current', undefined, 'nope')).status, 401);
});

t.test('an unknown path is a shape-A 404', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const response = await api(sim, 'GET', '/v1/planets');
  t.equal(response.status, 404);
  t.match(response.json, shapeA('not_found'));
});

t.test('an id that is not valid percent-encoding is a 404, not a server error', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  for (const path of ['/v1/conversations/%E0%A4%A/attachments', '/v1/klasses/%ZZ', '/v1/slas/%']) {
    const response = await api(sim, 'GET', path);
    t.equal(response.status, 404, path);
    t.match(response.json, shapeA('not_found'));
  }
});

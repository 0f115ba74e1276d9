import t from 'tap';
import { FAULT_KINDS, parseFaultScript, start } from '../src/index.js';
import { api, search, updatedBody, withSim } from './helpers.js';

const body = updatedBody('customer', 'gte', '2000-01-01');
/** How long any wait in this file may take before the test fails with a message instead of hanging. */
const BOUND_MS = 5_000;

/** `promise`, or a failure naming what it waited for once BOUND_MS has passed. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${BOUND_MS} ms for ${what}`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `done` every 5 ms; throws naming what it waited for once BOUND_MS has passed. */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + BOUND_MS;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`waited ${BOUND_MS} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

t.test('a script fails exactly the 3rd search with a 502 and logs it', async (t) => {
  const sim = await withSim(t, { scale: 10, faults: { script: [{ method: 'POST', path: '/v1/customers/search', nth: 3, fault: '502' }] } });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await search(sim, body, 1, 5)).status);
  t.equal((await api(sim, 'GET', '/v1/users')).status, 200, 'other paths are not counted');
  t.same(statuses, [200, 200, 502, 200]);
  const failed = sim.requestLog[2];
  t.match(failed, { method: 'POST', path: '/v1/customers/search', query: { page: '1', pageSize: '5' }, body, status: 502, fault: '502' });
});

for (const [fault, code] of [['429', 'too_many_requests'], ['500', 'internal_error'], ['502', 'bad_gateway'], ['503', 'service_unavailable']] as const) {
  t.test(`an injected ${fault} has that status and a shape-A body`, async (t) => {
    const sim = await withSim(t, { scale: 10, faults: { script: [{ path: '/v1/tags', times: 1, fault }] } });
    const response = await api(sim, 'GET', '/v1/tags');
    t.equal(response.status, Number(fault));
    t.match(response.json, { errors: [{ code, message: String, meta: {} }] });
    if (fault === '429') t.equal(response.headers.get('x-ratelimit-remaining'), '0');
    t.equal((await api(sim, 'GET', '/v1/tags')).status, 200, 'times: 1 fails only once');
  });
}

t.test('an injected reset drops the connection without a response', async (t) => {
  const sim = await withSim(t, { scale: 10, faults: { script: [{ path: '/v1/users', nth: 1, fault: 'reset' }] } });
  // fetch fails with a TypeError when the connection drops; a response held past the bound would be a TimeoutError.
  await t.rejects(fetch(`${sim.url}/v1/users`, { headers: { authorization: `Bearer ${sim.apiToken}` }, signal: AbortSignal.timeout(BOUND_MS) }), { name: 'TypeError' });
  t.equal(sim.requestLog[0]?.status, 0);
  t.equal((await api(sim, 'GET', '/v1/users')).status, 200);
});

t.test('an injected slow response outlasts a client timeout and stop() does not wait for it', async (t) => {
  const sim = await start({ scale: 10, frozenClock: true, faults: { slowMs: 60_000, script: [{ path: '/v1/users', times: 2, fault: 'slow' }] } });
  t.teardown(() => sim.stop());
  const headers = { authorization: `Bearer ${sim.apiToken}` };
  const started = performance.now();
  await t.rejects(fetch(`${sim.url}/v1/users`, { headers, signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
  t.ok(performance.now() - started < 5_000, 'the client gave up at its timeout');
  await waitFor(() => sim.held === 1, 'the abandoned request to be held (60 s)');
  // A second slow request is still held, its connection open, when stop() is called.
  const held = fetch(`${sim.url}/v1/users`, { headers, signal: AbortSignal.timeout(BOUND_MS) }).then(
    () => 'answered',
    (error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? `still open after ${BOUND_MS} ms` : 'dropped'),
  );
  await waitFor(() => sim.held === 2, 'the second slow request to reach the simulator');
  const stopping = performance.now();
  await within(sim.stop(), 'stop() with a held response');
  t.ok(performance.now() - stopping < 2_000, 'stop() returned without waiting out the 60 s hold');
  t.equal(await within(held, 'the held request to end'), 'dropped', 'the held request is dropped, not answered');
});

t.test('a slow response still arrives when the client waits long enough', async (t) => {
  const sim = await withSim(t, { scale: 10, faults: { slowMs: 400, script: [{ path: '/v1/users', nth: 1, fault: 'slow' }] } });
  const started = performance.now();
  t.equal((await within(api(sim, 'GET', '/v1/users'), 'the slow response')).status, 200);
  t.ok(performance.now() - started >= 390);
});

t.test('an injected truncation sends a 200 whose JSON body is cut short', async (t) => {
  const sim = await withSim(t, { scale: 10, faults: { script: [{ path: '/v1/customers/search', nth: 1, fault: 'truncate' }] } });
  const response = await fetch(`${sim.url}/v1/customers/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(BOUND_MS),
  });
  t.equal(response.status, 200);
  const text = await within(response.text(), 'the truncated body to end');
  t.equal(Number(response.headers.get('content-length')), Buffer.byteLength(text));
  t.throws(() => JSON.parse(text), SyntaxError);
});

t.test('seeded probabilistic faults are reproducible and draw only the chosen kinds', async (t) => {
  const run = async (seed: number): Promise<number[]> => {
    const sim = await withSim(t, { scale: 10, faults: { probability: 0.3, kinds: ['500', '503'], seed } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api(sim, 'GET', '/v1/tags')).status);
    return statuses;
  };
  const first = await run(42);
  t.same(await run(42), first, 'same seed, same failures');
  t.ok(first.some((s) => s !== 200) && first.some((s) => s === 200), 'some fail, some succeed');
  t.ok(first.every((s) => [200, 500, 503].includes(s)));
  t.not(JSON.stringify(await run(43)), JSON.stringify(first), 'another seed fails differently');
});

t.test('latencyMs delays every response', async (t) => {
  const sim = await withSim(t, { scale: 10, latencyMs: 150 });
  const started = performance.now();
  await api(sim, 'GET', '/v1/tags');
  t.ok(performance.now() - started >= 145);
});

t.test('the CLI fault script syntax parses to rules', async (t) => {
  t.same(parseFaultScript('POST /v1/customers/search #3 502; GET /v1/users x2 reset\n* /v1/* * slow'), [
    { method: 'POST', path: '/v1/customers/search', fault: '502', nth: 3 },
    { method: 'GET', path: '/v1/users', fault: 'reset', times: 2 },
    { method: '*', path: '/v1/*', fault: 'slow' },
  ]);
  t.throws(() => parseFaultScript('GET /v1/users #1 teapot' as string), /unknown fault/);
  t.throws(() => parseFaultScript('GET /v1/users 502'), /METHOD PATH WHEN FAULT/);
  t.same([...FAULT_KINDS].sort(), ['429', '500', '502', '503', 'reset', 'slow', 'truncate'], 'every fault kind the issue names, and no other');
  for (const kind of FAULT_KINDS) t.same(parseFaultScript(`GET /v1/tags #1 ${kind}`), [{ method: 'GET', path: '/v1/tags', nth: 1, fault: kind }], kind);
});

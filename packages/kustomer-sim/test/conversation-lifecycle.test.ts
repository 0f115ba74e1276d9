// The lifecycle attributes of conversations (research 5, MeltanoLabs' schema read from the API, and singer-io's
// schema, research 4.4): `ended`, `endedAt`, `endedReason`, `endedByType`, the `endedBy` relationship, `doneCount`,
// `reopenCount`, `snoozeCount`, `lastMessageAt`, `lastActivityAt` and the `slaVersion` relationship. Only chats end
// (Kustomer's chat SDK, KustomerCore.endConversation), so an ended conversation is a done chat; the values are seeded.
import t from 'tap';
import { withSim, api } from './helpers.js';

t.test('only done chats are ended, each with when, why and by whom; the counts agree with the status', async (t) => {
  const sim = await withSim(t, { seed: 3, scale: 600 });
  let ended = 0;
  const problems: string[] = [];
  for (let i = 0; i < sim.count('conversation'); i++) {
    const { id, attributes: a, relationships: r } = sim.record('conversation', i);
    const rel = (r ?? {}) as Record<string, { data?: { type: string; id: string } }>;
    if (a['ended'] === true) {
      ended++;
      if (a['status'] !== 'done' || (a['channels'] as string[])[0] !== 'chat') problems.push(`${id}: ended but not a done chat`);
      if (a['endedAt'] !== a['updatedAt']) problems.push(`${id}: endedAt`);
      if (!['customer_ended', 'agent_ended', 'inactivity'].includes(a['endedReason'] as string)) problems.push(`${id}: endedReason`);
      const by = rel['endedBy']?.data;
      const expectedType = a['endedByType'] === 'customer' ? 'customer' : 'user';
      if (by?.type !== expectedType || (expectedType === 'customer' && by.id !== rel['customer']?.data?.id)) problems.push(`${id}: endedBy`);
    } else {
      if (a['ended'] !== false || a['endedAt'] !== null || a['endedReason'] !== null || a['endedByType'] !== null || 'endedBy' in rel) problems.push(`${id}: not ended yet has end fields`);
    }
    if (a['status'] === 'done' && !((a['doneCount'] as number) >= 1)) problems.push(`${id}: done with doneCount ${String(a['doneCount'])}`);
    if ((a['doneCount'] as number) < (a['reopenCount'] as number)) problems.push(`${id}: reopened more often than done`);
    if (a['status'] === 'snoozed' && !((a['snoozeCount'] as number) >= 1)) problems.push(`${id}: snoozed with snoozeCount 0`);
    if (a['lastActivityAt'] !== a['updatedAt'] || a['lastMessageAt'] !== a['updatedAt']) problems.push(`${id}: last activity`);
  }
  t.same(problems.slice(0, 5), []);
  t.ok(ended > 10 && ended < sim.count('conversation') / 5, `${ended} of ${sim.count('conversation')} ended`);
});

t.test("slaVersion is the current version of the conversation's SLA, as GET /v1/slas/{id}?versions=active serves it", async (t) => {
  const sim = await withSim(t, { seed: 3, scale: 50 });
  for (let i = 0; i < 10; i++) {
    const r = sim.record('conversation', i).relationships as Record<string, { data: { id: string } }>;
    const active = (await api(sim, 'GET', `/v1/slas/${r['sla']?.data.id ?? ''}?versions=active`)).json.included;
    t.same(r['slaVersion']?.data, { type: 'sla_version', id: active[0].id }, `conversation ${i}`);
  }
});

t.test('the lifecycle values are the same on every start with the same seed', async (t) => {
  const a = await withSim(t, { seed: 9, scale: 100 });
  const b = await withSim(t, { seed: 9, scale: 100 });
  for (let i = 0; i < 100; i++) t.same(a.record('conversation', i), b.record('conversation', i));
});

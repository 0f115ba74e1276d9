// Customer profile attributes (research 5, MeltanoLabs' customers schema read from the API; singer-io's, 4.4):
// avatarUrl, username, gender, birthdayAt, signedUpAt, lastSeenAt, lastCustomerActivityAt, lastMessageAt,
// displayColor, displayIcon, importedAt, externalIds; and conversations' externalId and importedAt. Seeded, consistent
// with the record's own times and ids, and some of each nullable one set, some null.
import t from 'tap';
import { withSim } from './helpers.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

t.test('customers carry profile attributes that agree with their own ids and times', async (t) => {
  const sim = await withSim(t, { seed: 6, scale: 400 });
  const problems: string[] = [];
  const seen = { avatar: 0, birthday: 0, imported: 0 };
  for (let i = 0; i < sim.count('customer'); i++) {
    const { id, attributes: a } = sim.record('customer', i);
    if (a['signedUpAt'] !== a['createdAt'] || a['lastSeenAt'] !== a['updatedAt'] || a['lastCustomerActivityAt'] !== a['updatedAt'] || a['lastMessageAt'] !== a['updatedAt']) problems.push(`${id}: times`);
    if (a['username'] !== `${String(a['firstName'])}${String(a['lastName'])}${i}`.toLowerCase()) problems.push(`${id}: username`);
    if (!['female', 'male', 'unspecified'].includes(a['gender'] as string)) problems.push(`${id}: gender`);
    if (typeof a['displayColor'] !== 'string' || typeof a['displayIcon'] !== 'string') problems.push(`${id}: display`);
    if (a['avatarUrl'] !== null && a['avatarUrl'] !== `https://avatars.example.com/${id}.png`) problems.push(`${id}: avatarUrl`);
    if (a['birthdayAt'] !== null && !(ISO.test(a['birthdayAt'] as string) && (a['birthdayAt'] as string) < '2006')) problems.push(`${id}: birthdayAt`);
    if (a['importedAt'] !== null && a['importedAt'] !== a['createdAt']) problems.push(`${id}: importedAt`);
    const externalIds = a['externalIds'] as { externalId: string; verified: boolean }[];
    if (externalIds.length !== 1 || externalIds[0]?.externalId !== a['externalId'] || typeof externalIds[0]?.verified !== 'boolean') problems.push(`${id}: externalIds`);
    if (a['avatarUrl'] !== null) seen.avatar++;
    if (a['birthdayAt'] !== null) seen.birthday++;
    if (a['importedAt'] !== null) seen.imported++;
  }
  t.same(problems.slice(0, 5), []);
  const n = sim.count('customer');
  t.ok(Object.values(seen).every((count) => count > 0 && count < n), `set on some, null on others: ${JSON.stringify(seen)} of ${n}`);
});

t.test('conversations carry externalId and importedAt on some, null on the others', async (t) => {
  const sim = await withSim(t, { seed: 6, scale: 400 });
  let external = 0;
  let imported = 0;
  for (let i = 0; i < sim.count('conversation'); i++) {
    const a = sim.record('conversation', i).attributes;
    if (a['externalId'] !== null) { external++; t.equal(a['externalId'], `ext-${i}`); }
    if (a['importedAt'] !== null) { imported++; t.equal(a['importedAt'], a['createdAt']); }
  }
  t.ok(external > 0 && external < 400 && imported > 0 && imported < 400, `${external} external, ${imported} imported of 400`);
});

// An org that has defined no custom attributes (`customAttributes: false`): custom attributes are an org's own
// fields (developer.kustomer.com docs/concepts/custom-attributes), so such an org is a real case. Its records carry
// `custom: {}` and `GET /v1/metadata/{resource}` lists no properties; everything else equals the default org's.
import t from 'tap';
import { api, withSim } from './helpers.js';
import type { KindName } from '../src/index.js';

const WITH_CUSTOM: readonly (readonly [string, KindName])[] = [
  ['customer', 'customer'],
  ['conversation', 'conversation'],
  ['message', 'message'],
  ['company', 'company'],
  ['kobject', 'kobject.order'],
];

t.test('an org without custom attributes serves metadata with no properties and records with an empty custom', async (t) => {
  const plain = await withSim(t, { seed: 4, scale: 50, customAttributes: false });
  const usual = await withSim(t, { seed: 4, scale: 50 });
  for (const [resource, kind] of WITH_CUSTOM) {
    const response = await api(plain, 'GET', `/v1/metadata/${resource}`);
    t.equal(response.status, 200);
    t.same(response.json.data.attributes.properties, {}, `${resource}: no custom attribute is described`);
    t.ok(Object.keys((await api(usual, 'GET', `/v1/metadata/${resource}`)).json.data.attributes.properties).length > 0, `${resource}: the default org has some`);
    for (let index = 0; index < plain.count(kind); index++) {
      const record = plain.record(kind, index);
      const other = usual.record(kind, index);
      if (index === 0) t.same(record.attributes['custom'], {}, `${kind}: custom is empty`);
      if (JSON.stringify(record.attributes['custom']) !== '{}') t.fail(`${kind} ${index}: custom not empty`);
      const { custom: _a, ...rest } = record.attributes;
      const { custom: _b, ...otherRest } = other.attributes;
      if (JSON.stringify(rest) !== JSON.stringify(otherRest) || record.id !== other.id) t.fail(`${kind} ${index}: differs beyond custom`);
    }
  }
  t.equal(plain.record('user', 0).id, usual.record('user', 0).id, 'same ids');
});

import t from 'tap';
import { shapeRecord, snakeCase, type RawResource } from '../src/record-shape.js';

const conversation: RawResource = {
  type: 'conversation',
  id: '58228e05d4e96711004eccb7',
  attributes: {
    messageCount: 2,
    lastMessageIn: { sentAt: '2016-11-09T02:46:29.789Z' },
    custom: { caseIdStr: 'CASE-1', priorityScoreNum: 4 },
    sla: { breached: false, status: 'active', version: 1 },
    updatedAt: '2016-11-09T03:23:34.064Z',
  },
  relationships: {
    org: { links: { self: '/v1/orgs/57f2' }, data: { type: 'org', id: '57f2' } },
    messages: { links: { self: '/v1/conversations/5822/messages' } },
    createdBy: { links: { self: '/v1/users/5819' }, data: { type: 'user', id: '5819' } },
    sla: { links: { self: '/v1/slas/5830' }, data: { type: 'sla', id: '5830' } },
    shortcuts: { data: [{ type: 'shortcut', id: 's1' }] },
    order: { links: { self: '/v1/customers/1/klasses/order' }, meta: { kobject: true } },
  },
  links: { self: '/v1/conversations/58228e05d4e96711004eccb7' },
};

t.test('a resource becomes a flat record: attributes hoisted in snake_case, relationships as {type, id}, links kept', async (t) => {
  t.same(shapeRecord(conversation), {
    type: 'conversation',
    id: '58228e05d4e96711004eccb7',
    message_count: 2,
    last_message_in: { sent_at: '2016-11-09T02:46:29.789Z' },
    custom: { caseIdStr: 'CASE-1', priorityScoreNum: 4 },
    sla: { breached: false, status: 'active', version: 1 },
    updated_at: '2016-11-09T03:23:34.064Z',
    org: { type: 'org', id: '57f2' },
    created_by: { type: 'user', id: '5819' },
    sla_data: { type: 'sla', id: '5830' },
    shortcuts: [{ type: 'shortcut', id: 's1' }],
    links: { self: '/v1/conversations/58228e05d4e96711004eccb7' },
  });
});

t.test('the sla relationship becomes sla_data and leaves the sla attribute as it was', async (t) => {
  const record = shapeRecord(conversation);
  t.same(record['sla'], { breached: false, status: 'active', version: 1 });
  t.same(record['sla_data'], { type: 'sla', id: '5830' });
});

t.test('relationships with only links or meta are dropped, as singer-io drops them', async (t) => {
  const record = shapeRecord(conversation);
  t.notOk('messages' in record);
  t.notOk('order' in record);
  t.notOk('relationships' in record);
  t.notOk('attributes' in record);
});

t.test('keys inside custom keep the org\'s own names while keys everywhere else become snake_case', async (t) => {
  const record = shapeRecord({ type: 'customer', id: 'c1', attributes: { custom: { ltvNum: 1, nested: { signupAt: 'x' } }, conversationCounts: { allTime: 1 } } });
  t.same(record['custom'], { ltvNum: 1, nested: { signupAt: 'x' } });
  t.same(record['conversation_counts'], { all_time: 1 });
});

t.test('the keys of a metadata properties map stay as they are and each definition is in snake_case', async (t) => {
  const record = shapeRecord({
    type: 'metadata',
    id: 'customer',
    attributes: { properties: { tierStr: { displayName: 'Tier', hasSensitiveAttributes: false } } },
  });
  t.same(record['properties'], { tierStr: { display_name: 'Tier', has_sensitive_attributes: false } });
  const other = shapeRecord({ type: 'kobject.order', id: 'k1', attributes: { properties: { sizeLabel: 'L' } } });
  t.same(other['properties'], { size_label: 'L' }, 'on any other resource properties is an ordinary attribute');
});

t.test('names convert to snake_case as singer-io\'s convert_json does', async (t) => {
  t.equal(snakeCase('updatedAt'), 'updated_at');
  t.equal(snakeCase('lastMessageUnrespondedToSinceLastDone'), 'last_message_unresponded_to_since_last_done');
  t.equal(snakeCase('isEmailValid'), 'is_email_valid');
  t.equal(snakeCase('externalIDs'), 'external_i_ds', 'what singer-io writes for an acronym, kept for compatibility');
  t.equal(snakeCase('isEmailValid'), 'is_email_valid', 'a name already converted once comes back the same');
  t.equal(snakeCase('HTTPResponse'), 'http_response');
  t.equal(snakeCase('twitter-dm'), 'twitter-dm', 'hyphens untouched');
  t.equal(snakeCase('id'), 'id');
});

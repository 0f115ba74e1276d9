/** Conversations, messages, notes and conversation attachments (shapes: research 8 and 5). */
import { iso } from '../clock.js';
import { DERIVED_CODES } from '../kinds.js';
import { hash } from '../random.js';
import { customValues } from './custom-fields.js';
import { slaVersionCount, slaVersionId } from './settings.js';
import type { Generator, Json, Life, Resource, World } from './world.js';
import { choose, linksOnly, orgRel, sentence, times, toOne, userRel } from './world.js';

const STATUSES = ['open', 'done', 'snoozed'] as const;

export const conversation: Generator = (world, life, random) => {
  const id = world.id('conversation', life.index);
  const messageCount = 1 + Math.floor(random() * 5);
  const customerIndex = Math.floor(random() * world.count('customer'));
  const slaIndex = Math.floor(random() * world.count('sla'));
  const record = {
    type: 'conversation',
    id,
    attributes: {
      name: sentence(random, 3),
      channels: [choose(random, ['email', 'chat', 'sms'])],
      status: STATUSES[(Math.floor(random() * 3) + life.rev) % 3] ?? 'open',
      messageCount,
      noteCount: Math.floor(random() * 2),
      satisfaction: 0,
      tags: [],
      suggestedTags: [],
      sentiment: {},
      lastMessageIn: { sentAt: iso(life.updatedAt) },
      assignedUsers: [],
      assignedTeams: [],
      firstResponse: {},
      direction: 'in',
      outboundMessageCount: Math.floor(messageCount / 2),
      priority: 1 + Math.floor(random() * 5),
      custom: customValues(world, 'conversation', random, life.rev),
      sla: { breached: random() < 0.1, status: 'active', version: 1 },
      rev: life.rev + 1,
      ...times(life),
    },
    relationships: {
      org: orgRel(world),
      customer: toOne('customer', world.id('customer', customerIndex), '/v1/customers'),
      messages: linksOnly(`/v1/conversations/${id}/messages`),
      createdBy: userRel(world, random),
      modifiedBy: userRel(world, random),
      sla: toOne('sla', world.id('sla', slaIndex), '/v1/slas'),
    },
    links: { self: `/v1/conversations/${id}` },
  };
  // Drawn after every other value, so adding them changed none of the record's other values.
  return withLifecycle(world, life, random, record, slaIndex);
};

/** Why a chat ended and who ended it: [infer] the research names the attributes, not their values. */
const END_REASONS = ['customer_ended', 'agent_ended', 'inactivity'] as const;

/**
 * The lifecycle attributes of research 5 (MeltanoLabs' conversations schema, read from the API: `ended`, `endedAt`,
 * `endedReason`, `endedByType`, `doneCount`, `reopenCount`, `snoozeCount`, `lastMessageAt`, `lastActivityAt`;
 * relationships `endedBy`, `slaVersion`), also in singer-io's schema (research 4.4). Only chats end
 * (developer.kustomer.com chat-sdk KustomerCore.endConversation: `ended`, "whether or not the conversation is ended"):
 * an ended conversation is a done chat. Counts follow the status: a done conversation was marked done at least once.
 */
function withLifecycle(world: World, life: Life, random: () => number, record: Resource, slaIndex: number): Resource {
  const { attributes, relationships } = record;
  const done = attributes['status'] === 'done';
  const ended = done && (attributes['channels'] as readonly Json[])[0] === 'chat' && random() < 0.5;
  const reopenCount = Math.floor(random() * 3);
  const doneCount = (done ? 1 : 0) + reopenCount;
  const endedAt = ended ? iso(life.updatedAt) : null;
  const reason = choose(random, END_REASONS);
  const byCustomer = reason === 'customer_ended';
  const ender = userRel(world, random);
  return {
    ...record,
    attributes: {
      ...attributes,
      ended,
      endedAt,
      endedReason: ended ? reason : null,
      endedByType: ended ? (byCustomer ? 'customer' : 'user') : null,
      doneCount,
      reopenCount,
      snoozeCount: Math.floor(random() * 2) + (attributes['status'] === 'snoozed' ? 1 : 0),
      lastMessageAt: iso(life.updatedAt),
      lastActivityAt: iso(life.updatedAt),
      // research 5 lists these conversation attributes too: set for conversations that came from another system.
      externalId: random() < 0.3 ? `ext-${life.index}` : null,
      importedAt: random() < 0.1 ? iso(life.createdAt) : null,
    },
    relationships: {
      ...relationships,
      ...(ended ? { endedBy: byCustomer ? { data: (relationships?.['customer'] as { data: Json }).data } : ender } : {}),
      slaVersion: { data: { type: 'sla_version', id: slaVersionId(world, slaIndex, slaVersionCount(world, slaIndex), world.life('sla', slaIndex).createdAt) } },
    },
  };
}

/** `meta.to` is a list for email, a plain string for sms and an object for chat (research 5, MLT post_process). */
function recipients(channel: string, random: () => number): Json {
  if (channel === 'email') return [{ email: 'support@example.com' }];
  if (channel === 'sms') return `+1555${Math.floor(random() * 1e7).toString().padStart(7, '0')}`;
  return { email: 'chat@example.com' };
}

/**
 * `meta.cc` / `meta.bcc` take the same three forms as `to` (research 9.7 and 5: MLT normalises to, cc and bcc
 * from a string, an object or a list), most often an empty list.
 */
function copies(random: () => number, who: string): Json {
  const draw = random();
  if (draw < 0.55) return [];
  if (draw < 0.7) return [{ email: `${who}@example.com` }];
  if (draw < 0.85) return `${who}@example.com`;
  return { email: `${who}@example.com` };
}

export const message: Generator = (world, life, random) => {
  const id = world.id('message', life.index);
  const conversationIndex = Math.floor(life.index / 3) % world.count('conversation');
  const channel = choose(random, ['email', 'sms', 'chat']);
  const customerId = world.id('customer', Math.floor(random() * world.count('customer')));
  const links: Record<string, Json> = { self: `/v1/messages/${id}` };
  if (channel === 'email') links['related'] = `/v1/postmark/messages/${id}`;
  const meta: Record<string, Json> = {};
  const record = {
    type: 'message',
    id,
    attributes: {
      externalId: `<${id}@mail.example.com>`,
      channel,
      app: channel === 'email' ? 'postmark' : channel,
      size: Math.floor(random() * 4000),
      direction: random() < 0.6 ? 'in' : 'out',
      preview: sentence(random, 5),
      sentiment: {},
      meta: Object.assign(meta, { from: 'customer@example.com', to: recipients(channel, random), cc: [], subject: `Re: ${sentence(random, 2)}` }),
      custom: customValues(world, 'message', random, life.rev),
      status: 'received',
      sentAt: iso(life.createdAt),
      ...times(life),
    },
    relationships: {
      org: orgRel(world),
      // Plural `customers`, data without links: the documented quirk (research 8).
      customer: { data: { type: 'customers', id: customerId } },
      conversation: { data: { type: 'conversation', id: world.id('conversation', conversationIndex) } },
      shortcuts: { data: random() < 0.2 ? [{ type: 'shortcut', id: world.id('shortcut', 0) }] : [] },
    },
    links,
  };
  // Drawn after every other value, so adding them changed none of the record's other values.
  meta['cc'] = copies(random, 'cc');
  meta['bcc'] = copies(random, 'bcc');
  return record;
};

export const note: Generator = (world, life, random) => {
  const id = world.id('note', life.index);
  return {
    type: 'note',
    id,
    attributes: { body: sentence(random, 6), userMentions: [], deleted: false, ...times(life) },
    relationships: {
      org: orgRel(world),
      customer: toOne('customer', world.id('customer', Math.floor(random() * world.count('customer'))), '/v1/customers'),
      createdBy: userRel(world, random),
      conversation: toOne('conversation', world.id('conversation', Math.floor(random() * world.count('conversation'))), '/v1/conversations'),
      // research 5: notes relate to modifiedBy as well; drawn last, so no other value of the note changed.
      modifiedBy: userRel(world, random),
    },
    links: { self: `/v1/notes/${id}` },
  };
};

/** At most this many attachments per conversation; each conversation has 0..MAX (seeded). */
export const MAX_ATTACHMENTS_PER_CONVERSATION = 2;

export function attachments(world: World, conversationIndex: number): readonly Resource[] {
  const life = world.life('conversation', conversationIndex);
  const n = hash(world.seed, DERIVED_CODES.attachment, conversationIndex) % (MAX_ATTACHMENTS_PER_CONVERSATION + 1);
  return Array.from({ length: n }, (_, j) => {
    const index = conversationIndex * (MAX_ATTACHMENTS_PER_CONVERSATION + 1) + j;
    const id = world.derivedId(DERIVED_CODES.attachment, index, life.createdAt);
    const messageIndex = Math.min(conversationIndex * 3 + j, world.count('message') - 1);
    return {
      type: 'attachment',
      id,
      attributes: {
        name: `file-${j + 1}.pdf`,
        contentType: 'application/pdf',
        contentLength: 1_000 + (hash(world.seed, index) % 100_000),
        redacted: false,
        createdAt: iso(life.createdAt),
      },
      relationships: {
        org: orgRel(world),
        message: toOne('message', world.id('message', messageIndex), '/v1/messages'),
      },
      links: { self: `/v1/attachments/${id}` },
    };
  });
}

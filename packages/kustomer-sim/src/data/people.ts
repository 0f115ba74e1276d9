/** Customers, users and teams (shapes: research 8 and 5). */
import { iso } from '../clock.js';
import { customValues } from './custom-fields.js';
import type { Generator, Json, Life, Resource } from './world.js';
import { FIRST_NAMES, LAST_NAMES, choose, linksOnly, orgRel, times, toOne, userRel } from './world.js';

export const customer: Generator = (world, life, random) => withProfile(life, random, customerCore(world, life, random));

const customerCore: Generator = (world, life, random) => {
  const id = world.id('customer', life.index);
  const first = choose(random, FIRST_NAMES);
  const last = choose(random, LAST_NAMES);
  const email = `${first}.${last}.${life.index}@example.com`.toLowerCase();
  const open = Math.floor(random() * 3);
  const done = Math.floor(random() * 6);
  const tagCount = Math.floor(random() * 3);
  const companyIndex = Math.floor(random() * world.count('company'));
  return {
    type: 'customer',
    id,
    attributes: {
      name: `${first} ${last}`,
      displayName: first,
      firstName: first,
      lastName: last,
      externalId: `cust-${life.index}`,
      emails: [{ email, verified: random() < 0.7, type: 'home' }],
      phones: random() < 0.6 ? [{ phone: `+1555${String(life.index % 10_000_000).padStart(7, '0')}`, verified: false, type: 'mobile' }] : [],
      socials: [],
      urls: [{ url: `https://example.com/~${first.toLowerCase()}`, type: 'website' }],
      locations: [{ type: 'home', address: `${life.index} Main St` }],
      tags: Array.from({ length: tagCount }, () => world.id('tag', Math.floor(random() * world.count('tag')))),
      conversationCounts: { done, open, snoozed: 0, all: done + open },
      custom: customValues(world, 'customer', random, life.rev),
      progressiveStatus: open > 0 ? 'open' : 'done',
      verified: true,
      deleted: false,
      rev: life.rev + 1,
      locale: choose(random, ['en_US', 'en_GB', 'de_DE']),
      timeZone: choose(random, ['America/New_York', 'Europe/London', 'Asia/Kolkata']),
      ...times(life),
      lastActivityAt: iso(life.updatedAt),
    },
    relationships: {
      org: orgRel(world),
      messages: linksOnly(`/v1/customers/${id}/messages`),
      createdBy: userRel(world, random),
      modifiedBy: userRel(world, random),
      company: toOne('company', world.id('company', companyIndex), '/v1/companies'),
      order: { links: { self: `/v1/customers/${id}/klasses/order` }, meta: { kobject: true } },
    },
    links: { self: `/v1/customers/${id}` },
  };
};

/** Profile attributes of research 5 (MeltanoLabs' customers schema, read from the API), also in singer-io's schema (4.4). */
const GENDERS = ['female', 'male', 'unspecified'] as const;
const COLORS = ['amber', 'teal', 'indigo'] as const;
const ICONS = ['user', 'star', 'flag'] as const;
const BIRTHDAYS_FROM = Date.UTC(1950, 0, 1);
const BIRTHDAY_SPAN_DAYS = 55 * 365;

/** Drawn after every other value of the customer, so adding them changed none of its other values. */
function withProfile(life: Life, random: () => number, record: Resource): Resource {
  const { attributes } = record;
  const handle = `${String(attributes['firstName'])}${String(attributes['lastName'])}${life.index}`.toLowerCase();
  return {
    ...record,
    attributes: {
      ...attributes,
      avatarUrl: random() < 0.5 ? `https://avatars.example.com/${record.id}.png` : null,
      username: handle,
      gender: choose(random, GENDERS),
      birthdayAt: random() < 0.4 ? iso(BIRTHDAYS_FROM + Math.floor(random() * BIRTHDAY_SPAN_DAYS) * 86_400_000) : null,
      signedUpAt: iso(life.createdAt),
      lastSeenAt: iso(life.updatedAt),
      lastCustomerActivityAt: iso(life.updatedAt),
      lastMessageAt: iso(life.updatedAt),
      displayColor: choose(random, COLORS),
      displayIcon: choose(random, ICONS),
      importedAt: random() < 0.1 ? iso(life.createdAt) : null,
      externalIds: [{ externalId: String(attributes['externalId']), verified: random() < 0.5 }],
    },
  };
}

export const user: Generator = (world, life, random) => {
  const id = world.id('user', life.index);
  const first = choose(random, FIRST_NAMES);
  const last = choose(random, LAST_NAMES);
  return {
    type: 'user',
    id,
    attributes: {
      displayName: `${first} ${last}`,
      name: `${first} ${last}`,
      userType: 'user',
      email: `agent${life.index}@example.com`,
      emailVerifiedAt: iso(life.createdAt),
      firstEmailVerifiedAt: iso(life.createdAt),
      mobile: null,
      emailSignature: `-- ${first}`,
      password: { allowNew: true, forceNew: false, updatedAt: iso(life.createdAt) },
      verifiedEmailStatus: 'verified',
      roleGroups: [],
      roles: ['org.user.conversation.read'],
      firstLoginAt: iso(life.createdAt),
      mostRecentLoginAt: iso(life.updatedAt),
      isEmailValid: true,
      ...times(life),
    },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/users/${id}` },
  };
};

export const team: Generator = (world, life, random) => {
  const id = world.id('team', life.index);
  const members: Json[] = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
    world.id('user', Math.floor(random() * world.count('user'))),
  );
  return {
    type: 'team',
    id,
    attributes: {
      icon: 'users',
      name: `team-${life.index}`,
      displayName: `Team ${life.index}`,
      deleted: false,
      deletedAt: null,
      members,
      roleGroups: [],
      ...times(life),
    },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/teams/${id}` },
  };
};

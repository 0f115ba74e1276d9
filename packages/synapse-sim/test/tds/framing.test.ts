// Packet header, message reassembly and splitting, and the request payload decoders, without sockets.
import t from 'tap';
import { MessageReassembler, splitMessage } from '../../src/tds/message.js';
import { decodePacketHeader, encodePacketHeader, PacketStatus, PacketType } from '../../src/tds/packet.js';
import { TdsProtocolError } from '../../src/tds/primitives.js';
import { decodeAllHeaders } from '../../src/tds/requests/all-headers.js';
import { decodeLogin7, deobfuscatePassword, obfuscatePassword } from '../../src/tds/requests/login7.js';
import { decodePrelogin, Encryption, encodePreloginReply, PreloginOption } from '../../src/tds/requests/prelogin.js';
import { decodeRpc } from '../../src/tds/requests/rpc.js';
import { decodeSqlBatch } from '../../src/tds/requests/sql-batch.js';
import { decodeTransactionManager } from '../../src/tds/requests/transaction-manager.js';
import { writeTypeInfo, writeValue } from '../../src/tds/types/type-info.js';

import { allHeaders, login7, ucs2 } from './raw-tds.js';

t.test('the packet header round-trips, big-endian length and SPID', async (t) => {
  const header = { type: PacketType.TABULAR_RESULT, status: PacketStatus.EOM, length: 4096, spid: 51, packetId: 3 };
  const bytes = encodePacketHeader(header);
  t.same(bytes, Buffer.from('0401100000330300', 'hex'));
  t.same(decodePacketHeader(bytes, 0), { value: header, offset: 8 });
});

t.test('a message split at the packet size reassembles from arbitrary chunks', async (t) => {
  const payload = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
  const packets = splitMessage(PacketType.TABULAR_RESULT, payload, 512, 7);
  t.equal(packets.length, Math.ceil(10_000 / 504));
  t.ok(packets.every((packet) => packet.length <= 512), 'no packet exceeds the negotiated size');
  t.same(packets.map((packet) => packet.readUInt8(1)), packets.map((_, i) => (i === packets.length - 1 ? PacketStatus.EOM : 0)));
  t.same(packets.map((packet) => packet.readUInt8(6)), packets.map((_, i) => (i + 1) % 256));
  const stream = Buffer.concat([...packets, ...splitMessage(PacketType.TABULAR_RESULT, Buffer.from('next'), 512, 7)]);
  const reassembler = new MessageReassembler();
  const messages = [];
  for (let offset = 0; offset < stream.length; offset += 97) messages.push(...reassembler.push(stream.subarray(offset, offset + 97)));
  t.equal(messages.length, 2);
  t.same(messages[0]?.payload, payload);
  t.same(messages[1]?.payload, Buffer.from('next'));
  t.same(splitMessage(PacketType.TABULAR_RESULT, Buffer.alloc(0), 512, 7), [Buffer.from('0401000800070100', 'hex')], 'an empty message is one packet');
});

t.test('IGNORE and RESETCONNECTION bits are reported; mixed packet types are a protocol error', async (t) => {
  const reassembler = new MessageReassembler();
  const first = encodePacketHeader({ type: PacketType.SQL_BATCH, status: PacketStatus.RESET_CONNECTION, length: 9, spid: 0, packetId: 1 });
  const last = encodePacketHeader({ type: PacketType.SQL_BATCH, status: PacketStatus.EOM | PacketStatus.IGNORE, length: 9, spid: 0, packetId: 2 });
  const [message] = reassembler.push(Buffer.concat([first, Buffer.from('a'), last, Buffer.from('b')]));
  t.match(message, { type: PacketType.SQL_BATCH, ignored: true, payload: Buffer.from('ab') });
  t.equal((message?.status ?? 0) & PacketStatus.RESET_CONNECTION, PacketStatus.RESET_CONNECTION);
  const mixed = new MessageReassembler();
  const rpc = encodePacketHeader({ type: PacketType.RPC, status: PacketStatus.EOM, length: 8, spid: 0, packetId: 2 });
  t.throws(() => mixed.push(Buffer.concat([first, Buffer.from('a'), rpc])), TdsProtocolError);
});

t.test('the PRELOGIN reply has the captured layout: version, ENCRYPT_NOT_SUP, instance, thread id, MARS off', async (t) => {
  const reply = encodePreloginReply({ major: 10, minor: 0, build: 17829, subBuild: 0 });
  t.same(reply.subarray(0, 26), Buffer.from('00001a000601002000010200210001030022000004002200 01ff'.replaceAll(' ', ''), 'hex'));
  const options = decodePrelogin(reply);
  t.same(options.get(PreloginOption.ENCRYPTION), Buffer.from([Encryption.NOT_SUP]));
  t.same(options.get(PreloginOption.VERSION), Buffer.from([10, 0, 0x45, 0xa5, 0, 0]));
  t.throws(() => decodePrelogin(Buffer.from([0x00, 0x00, 0x30, 0x00, 0x06, 0xff])), TdsProtocolError, 'data past the end');
});

t.test('LOGIN7: strings located by offset and length, the password de-obfuscated', async (t) => {
  t.same(deobfuscatePassword(obfuscatePassword(ucs2('pä$$wörd'))), ucs2('pä$$wörd'));
  t.same(obfuscatePassword(Buffer.from([0x41])), Buffer.from([0x14 ^ 0xa5]), 'nibbles swapped, then XOR 0xA5 (MS-TDS 2.2.6.4)');
  const payload = login7({ user: 'loader', password: 'pä$$wörd', database: 'dw', packetSize: 4096 });
  t.match(decodeLogin7(payload), {
    tdsVersion: 0x74000004, packetSize: 4096, hostName: 'host', userName: 'loader', password: 'pä$$wörd',
    appName: 'app', serverName: '127.0.0.1', libraryName: 'Tedious', language: '', database: 'dw',
  });
  t.throws(() => decodeLogin7(payload.subarray(0, 50)), TdsProtocolError);
});

t.test('ALL_HEADERS yields the transaction descriptor; SQL_BATCH the text after it', async (t) => {
  const descriptor = Buffer.from('0102030405060708', 'hex');
  const headers = allHeaders(descriptor);
  t.same(decodeAllHeaders(headers, 0), { value: { transactionDescriptor: descriptor, outstandingRequestCount: 1 }, offset: 22 });
  t.same(decodeSqlBatch(Buffer.concat([headers, ucs2('SELECT N\'Zoë\'')])).text, "SELECT N'Zoë'");
  t.throws(() => decodeAllHeaders(Buffer.from('ff000000', 'hex'), 0), TdsProtocolError);
});

t.test('RPC: sp_executesql by id with typed parameters; a procedure by name', async (t) => {
  const parameter = (name: string, type: Parameters<typeof writeTypeInfo>[0], value: Parameters<typeof writeValue>[1], status = 0): Buffer =>
    Buffer.concat([Buffer.from([name.length]), ucs2(name), Buffer.from([status]), writeTypeInfo(type), writeValue(type, value)]);
  const payload = Buffer.concat([
    allHeaders(), Buffer.from('ffff0a000000', 'hex'),
    parameter('@statement', { name: 'nvarchar', length: 15 }, 'SELECT @id AS v'),
    parameter('@params', { name: 'nvarchar', length: 10 }, '@id bigint'),
    parameter('@id', { name: 'bigint' }, -5n),
    parameter('@out', { name: 'int' }, null, 1),
  ]);
  const rpc = decodeRpc(payload);
  t.same(rpc.procedure, { id: 10 });
  t.same(rpc.parameters.map(({ name, value, output }) => [name, value, output]), [
    ['@statement', 'SELECT @id AS v', false], ['@params', '@id bigint', false], ['@id', -5n, false], ['@out', null, true],
  ]);
  const byName = decodeRpc(Buffer.concat([allHeaders(), Buffer.from([6, 0]), ucs2('sp_who'), Buffer.from([0, 0])]));
  t.same(byName.procedure, { name: 'sp_who' });
  t.same(byName.parameters, []);
});

t.test('TRANSACTION_MANAGER: begin, commit, rollback and the unsupported kinds', async (t) => {
  const tm = (type: number, rest: Buffer): Buffer => Buffer.concat([allHeaders(), Buffer.from([type, 0]), rest]);
  t.match(decodeTransactionManager(tm(5, Buffer.from([2, 0]))), { kind: 'begin', isolationLevel: 2, name: '' });
  t.match(decodeTransactionManager(tm(7, Buffer.from([0, 0]))), { kind: 'commit' });
  t.match(decodeTransactionManager(tm(8, Buffer.from([0, 0]))), { kind: 'rollback' });
  t.match(decodeTransactionManager(tm(9, Buffer.from([0]))), { kind: 'unsupported', requestType: 9 });
  t.throws(() => decodeTransactionManager(tm(42, Buffer.alloc(0))), TdsProtocolError);
});

// Each connection phase accepts only its own messages. mssql never sends them out of order, so these
// conformance checks speak raw TDS over a socket.
import { connect, type Socket } from 'node:net';
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { splitMessage } from '../../src/tds/message.js';
import { encodePacketHeader, PacketStatus, PacketType } from '../../src/tds/packet.js';
import { FakeEngine } from './fake-engine.js';
import { allHeaders, login7, ucs2 } from './raw-tds.js';
import { nextEvent, waitUntil } from './wait.js';

import { encodePreloginReply } from '../../src/tds/requests/prelogin.js';

/** A client PRELOGIN has the same option-table layout as the reply (MS-TDS 2.2.6.5). */
const PRELOGIN = encodePreloginReply({ major: 19, minor: 2, build: 2, subBuild: 0 });

async function open(
  t: { teardown(fn: () => unknown): void }, engine = new FakeEngine(),
): Promise<{ socket: Socket; received: () => Buffer }> {
  const sim = await startSynapseSim({ user: 'u', password: 'p', database: 'dw', engine });
  const socket = connect(sim.port, sim.host);
  t.teardown(async () => {
    socket.destroy();
    await sim.stop();
  });
  await nextEvent('the test socket connects', socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { socket, received: () => Buffer.concat(chunks) };
}

const send = (socket: Socket, type: number, payload: Buffer): void => {
  for (const packet of splitMessage(type, payload, 4096, 0)) socket.write(packet);
};

t.test('a request before PRELOGIN closes the connection without a reply', async (t) => {
  const { socket, received } = await open(t);
  send(socket, PacketType.SQL_BATCH, Buffer.from('anything'));
  await nextEvent('the server closes the connection after a request before PRELOGIN', socket, 'close');
  t.equal(received().length, 0);
});

t.test('a request instead of LOGIN7 closes the connection after the PRELOGIN reply', async (t) => {
  const { socket, received } = await open(t);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  await waitUntil('the PRELOGIN reply arrives', () => received().length > 0);
  t.equal(received().readUInt8(0), PacketType.TABULAR_RESULT, 'the PRELOGIN reply came');
  send(socket, PacketType.SQL_BATCH, Buffer.from('anything'));
  await nextEvent('the server closes the connection after a request instead of LOGIN7', socket, 'close');
  t.pass('closed');
});

t.test('a malformed LOGIN7 closes the connection', async (t) => {
  const { socket } = await open(t);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  send(socket, PacketType.LOGIN7, Buffer.alloc(20));
  await nextEvent('the server closes the connection after a malformed LOGIN7', socket, 'close');
  t.pass('closed');
});

/** Splits a received byte stream into packets by their header lengths. */
function packetsOf(stream: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  for (let offset = 0; offset + 8 <= stream.length; offset += stream.readUInt16BE(offset + 2)) {
    packets.push(stream.subarray(offset, offset + stream.readUInt16BE(offset + 2)));
  }
  return packets;
}

t.test('after a LOGIN7 asking for 512-byte packets, every reply packet is at most 512 bytes', async (t) => {
  const { socket, received } = await open(t);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  await waitUntil('the PRELOGIN reply arrives', () => received().length > 0);
  const afterPrelogin = received().length;
  send(socket, PacketType.LOGIN7, login7({ user: 'u', password: 'p', database: 'dw', packetSize: 512 }));
  await waitUntil('the whole LOGIN7 reply arrives', () => packetsOf(received().subarray(afterPrelogin)).some((packet) => (packet.readUInt8(1) & 1) === 1));
  const login = Buffer.concat(packetsOf(received().subarray(afterPrelogin)).map((packet) => packet.subarray(8)));
  t.ok(login.includes(Buffer.concat([Buffer.from([0xe3, 0x0f, 0x00, 0x04, 0x03]), ucs2('512')])), 'ENVCHANGE 4 echoes 512');
  const afterLogin = received().length;
  send(socket, PacketType.SQL_BATCH, Buffer.concat([allHeaders(), ucs2('ROWS 40 WIDTH 300')]));
  await waitUntil('the last packet (EOM) of the 40-row reply arrives', () => {
    const packets = packetsOf(received().subarray(afterLogin));
    return packets.length > 0 && (packets.at(-1)?.readUInt8(1) ?? 0) === 1;
  });
  const packets = packetsOf(received().subarray(afterLogin));
  t.ok(packets.length > 40, `a ${packets.length}-packet reply`);
  t.ok(packets.every((packet) => packet.length <= 512), 'none over 512 bytes');
  t.ok(packets.slice(0, -1).every((packet) => packet.readUInt8(1) === 0 && packet.length === 512), 'all but the last full, without EOM');
  t.same(packets.map((packet) => packet.readUInt8(6)), packets.map((_, i) => (i + 1) % 256), 'packet ids count up');
});

t.test('RESETCONNECTION gives the request a fresh session and is acknowledged with ENVCHANGE 18', async (t) => {
  const engine = new FakeEngine();
  const { socket, received } = await open(t, engine);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  send(socket, PacketType.LOGIN7, login7({ user: 'u', password: 'p', database: 'dw', packetSize: 4096 }));
  await waitUntil('the login opens a session and both replies arrive', () => engine.opened.length === 1 && packetsOf(received()).length >= 2);
  const afterLogin = received().length;
  const payload = Buffer.concat([allHeaders(), ucs2('SELECT SESSION')]);
  const header = encodePacketHeader({
    type: PacketType.SQL_BATCH, status: PacketStatus.EOM | PacketStatus.RESET_CONNECTION, length: 8 + payload.length, spid: 0, packetId: 1,
  });
  socket.write(Buffer.concat([header, payload]));
  await waitUntil('the reply to the RESETCONNECTION batch arrives', () => received().length > afterLogin && (packetsOf(received().subarray(afterLogin)).at(-1)?.readUInt8(1) ?? 0) === 1);
  const reply = received().subarray(afterLogin + 8);
  t.same(reply.subarray(0, 6), Buffer.from('e3030012 0000'.replaceAll(' ', ''), 'hex'), 'ENVCHANGE 18 first');
  t.same(engine.closedSessions, [1], 'the old session closed');
  t.equal(engine.opened.length, 2, 'a new one opened');
  t.same(engine.received.at(-1), { session: 2, request: { kind: 'batch', text: 'SELECT SESSION' } });
});

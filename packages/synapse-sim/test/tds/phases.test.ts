// Each connection phase accepts only its own messages. mssql never sends them out of order, so these
// conformance checks speak raw TDS over a socket.
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { splitMessage } from '../../src/tds/message.js';
import { PacketType } from '../../src/tds/packet.js';
import { FakeEngine } from './fake-engine.js';

import { encodePreloginReply } from '../../src/tds/requests/prelogin.js';

/** A client PRELOGIN has the same option-table layout as the reply (MS-TDS 2.2.6.5). */
const PRELOGIN = encodePreloginReply({ major: 19, minor: 2, build: 2, subBuild: 0 });

async function open(t: { teardown(fn: () => unknown): void }): Promise<{ socket: Socket; received: () => Buffer }> {
  const sim = await startSynapseSim({ user: 'u', password: 'p', database: 'dw', engine: new FakeEngine() });
  const socket = connect(sim.port, sim.host);
  t.teardown(async () => {
    socket.destroy();
    await sim.stop();
  });
  await once(socket, 'connect');
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
  await once(socket, 'close');
  t.equal(received().length, 0);
});

t.test('a request instead of LOGIN7 closes the connection after the PRELOGIN reply', async (t) => {
  const { socket, received } = await open(t);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  while (received().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  t.equal(received().readUInt8(0), PacketType.TABULAR_RESULT, 'the PRELOGIN reply came');
  send(socket, PacketType.SQL_BATCH, Buffer.from('anything'));
  await once(socket, 'close');
  t.pass('closed');
});

t.test('a malformed LOGIN7 closes the connection', async (t) => {
  const { socket } = await open(t);
  send(socket, PacketType.PRELOGIN, PRELOGIN);
  send(socket, PacketType.LOGIN7, Buffer.alloc(20));
  await once(socket, 'close');
  t.pass('closed');
});

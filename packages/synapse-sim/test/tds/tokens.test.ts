// Response tokens and the reply shapes for batches and RPCs, checked byte by byte against MS-TDS.
import t from 'tap';
import { SqlServerError } from '../../src/contract.js';
import { encodeAttentionAck, encodeOutcomes } from '../../src/tds/response.js';
import { CurrentCommand, DONEINPROC_TOKEN, DoneStatus, encodeDone } from '../../src/tds/tokens/done.js';
import { encodeTransactionChange } from '../../src/tds/tokens/envchange.js';
import { encodeError } from '../../src/tds/tokens/error.js';
import { encodeLoginAck } from '../../src/tds/tokens/loginack.js';
import { TransactionDescriptors } from '../../src/tds/transaction-descriptors.js';

t.test('DONE tokens: status, command, 64-bit row count', async (t) => {
  t.same(
    encodeDone(DONEINPROC_TOKEN, { status: DoneStatus.COUNT | DoneStatus.MORE, currentCommand: CurrentCommand.SELECT, rowCount: 1 }),
    Buffer.from('ff1100c1000100000000000000', 'hex'),
    'the DONEINPROC of the research capture',
  );
  t.same(encodeAttentionAck(), Buffer.from('fd2000000000000000000000000', 'hex').subarray(0, 13));
});

t.test('ENVCHANGE 8/9/10 carry the descriptor as new, then as old value', async (t) => {
  const descriptor = Buffer.from('0100000000000000', 'hex');
  t.same(encodeTransactionChange('begin', descriptor), Buffer.from('e30b000808010000000000000000', 'hex'));
  t.same(encodeTransactionChange('commit', descriptor), Buffer.from('e30b000900080100000000000000', 'hex'));
  t.same(encodeTransactionChange('rollback', descriptor).readUInt8(3), 10);
});

t.test('ERROR carries number, state, class, message, server, procedure, line', async (t) => {
  const bytes = encodeError({ number: 18456, state: 1, severity: 14, message: 'x', serverName: 's' });
  t.same(bytes, Buffer.from('aa1200' + '18480000' + '01' + '0e' + '01007800' + '017300' + '00' + '01000000', 'hex'));
});

t.test('LOGINACK announces TDS 7.4 big-endian and the program version', async (t) => {
  const bytes = encodeLoginAck(0x74000004, 'M', { major: 10, minor: 0, build: 17829 });
  t.same(bytes, Buffer.from('ad0c00' + '01' + '74000004' + '014d00' + '0a0045a5', 'hex'));
});

t.test('a batch reply: DONE per statement with MORE on all but the last; transactions get descriptors', async (t) => {
  const descriptors = new TransactionDescriptors();
  const reply = encodeOutcomes([
    { kind: 'transaction', change: 'begin' },
    { kind: 'done', rowCount: 3 },
    { kind: 'transaction', change: 'commit' },
  ], 'batch', descriptors);
  const begin = encodeTransactionChange('begin', Buffer.from('0100000000000000', 'hex'));
  const commit = encodeTransactionChange('commit', Buffer.from('0100000000000000', 'hex'));
  t.same(reply, Buffer.concat([
    begin, encodeDone(0xfd, { status: DoneStatus.MORE }),
    encodeDone(0xfd, { status: DoneStatus.COUNT | DoneStatus.MORE, rowCount: 3 }),
    commit, encodeDone(0xfd, { status: DoneStatus.FINAL }),
  ]));
  t.same(encodeOutcomes([], 'batch', descriptors), encodeDone(0xfd, { status: DoneStatus.FINAL }), 'an empty batch still ends with DONE');
});

t.test('an RPC reply: DONEINPROC per statement, then RETURNSTATUS and DONEPROC (ERROR when one failed)', async (t) => {
  const reply = encodeOutcomes([
    { kind: 'rows', columns: [{ name: 'one', type: { name: 'int' }, nullable: true }], rows: [[1]] },
    { kind: 'error', error: new SqlServerError(208, "Invalid object name 'x'.") },
  ], 'rpc', new TransactionDescriptors());
  t.equal(reply.readUInt8(0), 0x81, 'COLMETADATA first');
  t.same(reply.subarray(-22), Buffer.concat([
    encodeDone(0xff, { status: DoneStatus.ERROR | DoneStatus.MORE }),
    Buffer.from('7900000000', 'hex'),
    Buffer.from('fe0200000000000000000000000', 'hex').subarray(0, 13),
  ]).subarray(-22));
});

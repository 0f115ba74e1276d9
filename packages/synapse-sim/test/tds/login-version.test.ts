// TDS version negotiation at login (MS-TDS 2.2.6.4 LOGIN7 TDSVersion, 2.2.7.14 LOGINACK). python-tds lets a
// user ask for 7.3; the server must then speak 7.3, not announce its own 7.4.
import t from 'tap';
import { LOGIN_FAILED } from '../../src/errors.js';
import { checkLogin, encodeLoginSuccess, negotiateTdsVersion } from '../../src/tds/login.js';
import { decodeLogin7 } from '../../src/tds/requests/login7.js';
import { TDS_VERSION_7_2, TDS_VERSION_7_3A, TDS_VERSION_7_3B, TDS_VERSION_7_4 } from '../../src/tds/server-identity.js';
import { DONE_TOKEN } from '../../src/tds/tokens/done.js';
import { login7 } from './raw-tds.js';

const LOGINACK_TOKEN = 0xad;
const ERROR_TOKEN = 0xaa;
const TDS_VERSION_7_1 = 0x71000001;
const SETTINGS = { user: 'u', password: 'p', database: 'dw' };
const login = (tdsVersion: number) => decodeLogin7(login7({ user: 'u', password: 'p', database: 'dw', packetSize: 4096, tdsVersion }));

/** The TDSVersion of the LOGINACK token in a login reply (big-endian, after token, length and interface). */
function loginAckVersion(reply: Buffer): number {
  const at = reply.indexOf(LOGINACK_TOKEN);
  return reply.readUInt32BE(at + 4);
}

t.test('a client older than the server gets its own version; a newer one gets 7.4', async (t) => {
  t.equal(negotiateTdsVersion(TDS_VERSION_7_3A), TDS_VERSION_7_3A);
  t.equal(negotiateTdsVersion(TDS_VERSION_7_3B), TDS_VERSION_7_3B);
  t.equal(negotiateTdsVersion(TDS_VERSION_7_4), TDS_VERSION_7_4);
  t.equal(negotiateTdsVersion(0x75000000), TDS_VERSION_7_4, 'a version the server does not know yet');
});

t.test('a TDS 7.3 login is acknowledged with 7.3 in LOGINACK, a 7.4 login with 7.4', async (t) => {
  for (const version of [TDS_VERSION_7_3A, TDS_VERSION_7_3B, TDS_VERSION_7_4]) {
    const verdict = checkLogin(login(version), SETTINGS);
    if (!verdict.ok) return t.fail('the login is accepted');
    t.equal(loginAckVersion(encodeLoginSuccess(verdict.database, verdict.packetSize, verdict.tdsVersion)), version, version.toString(16));
  }
});

t.test('a client older than 7.3 is refused with 18456, in a DONE token of its own layout', async (t) => {
  // Before 7.2 the ERROR line number is 2 bytes (not 4) and the DONE row count 4 (not 8), MS-TDS 2.2.7.10, 2.2.7.6.
  for (const [version, doneLength, lineBytes] of [[TDS_VERSION_7_2, 13, 4], [TDS_VERSION_7_1, 9, 2]] as const) {
    const verdict = checkLogin(login(version), SETTINGS);
    if (verdict.ok) return t.fail('the login is refused');
    t.equal(verdict.reply.readUInt8(0), ERROR_TOKEN, `${version.toString(16)}: an ERROR token`);
    t.equal(verdict.reply.readInt32LE(3), LOGIN_FAILED, `${version.toString(16)}: number 18456`);
    t.ok(verdict.reply.includes(Buffer.from('older than 7.3', 'utf16le')), `${version.toString(16)}: the message says why`);
    const doneAt = verdict.reply.length - doneLength;
    t.equal(verdict.reply.readUInt8(doneAt), DONE_TOKEN, `${version.toString(16)}: DONE is ${doneLength} bytes`);
    t.equal(verdict.reply.readUInt16LE(1) + 3, doneAt, `${version.toString(16)}: the ERROR token ends where DONE starts`);
    t.equal(verdict.reply.readUIntLE(doneAt - lineBytes, lineBytes), 1, `${version.toString(16)}: line number in ${lineBytes} bytes`);
  }
});

// One client connection: a handler per phase (tedious's state machine, research/synapse.md 3.3), each
// accepting only the messages that phase allows; anything else closes the socket.
//   prelogin -> login -> (logging in) -> logged in <-> request (-> attention)
import type { Socket } from 'node:net';
import { ConnectionDropFault, SqlServerError, type SqlEngine, type SqlSession } from '../contract.js';
import { internalError } from '../errors.js';
import { checkLogin, encodeLoginSuccess, type LoginSettings } from './login.js';
import { MessageReassembler, splitMessage, type Message } from './message.js';
import { DEFAULT_PACKET_SIZE, PacketStatus, PacketType } from './packet.js';
import { TdsProtocolError } from './primitives.js';
import { decodeLogin7 } from './requests/login7.js';
import { decodePrelogin, encodePreloginReply } from './requests/prelogin.js';
import { encodeAttentionAck, encodeEmptyDone, encodeFailure } from './response.js';
import { isRequestType, runRequest } from './request-runner.js';
import { SERVER_VERSION } from './server-identity.js';
import { encodeResetConnectionAck } from './tokens/envchange.js';
import { TransactionDescriptors } from './transaction-descriptors.js';

/** How long a closing socket may take to finish its FIN handshake before it is destroyed. */
const CLOSE_GRACE_MS = 1000;

export type Phase = 'prelogin' | 'login' | 'loggingIn' | 'loggedIn' | 'request' | 'attention' | 'closed';

export interface ConnectionSettings extends LoginSettings {
  readonly engine: SqlEngine;
  /** The server process id this connection reports in packet headers. */
  readonly spid: number;
}

export class TdsConnection {
  private phase: Phase = 'prelogin';
  private packetSize = DEFAULT_PACKET_SIZE;
  private session: SqlSession | undefined;
  private running: AbortController | undefined;
  private work: Promise<void> = Promise.resolve();
  private readonly reassembler = new MessageReassembler();
  private readonly transactions = new TransactionDescriptors();
  /** Resolves once the socket is gone and the session is closed. */
  readonly closed: Promise<void>;

  private readonly handlers: Readonly<Record<Phase, (message: Message) => void>> = {
    prelogin: (message) => this.onPrelogin(message),
    login: (message) => this.onLogin(message),
    loggingIn: (message) => this.reject(message),
    loggedIn: (message) => this.onLoggedIn(message),
    request: (message) => this.onDuringRequest(message),
    attention: (message) => this.onDuringAttention(message),
    closed: () => undefined,
  };

  constructor(private readonly socket: Socket, private readonly settings: ConnectionSettings) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.phase = 'closed';
        this.running?.abort();
        this.work = this.work.then(() => this.session?.close()).catch(() => undefined);
        void this.work.then(resolve);
      });
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    try {
      for (const message of this.reassembler.push(chunk)) this.handlers[this.phase](message);
    } catch (error) {
      this.fail(error);
    }
  }

  /** A protocol violation or an injected drop: close without a reply, as SQL Server does; the reason is not sent. */
  private fail(_reason: unknown): void {
    // An orderly FIN first, so the client reads the close rather than a reset; destroy if it lingers.
    this.phase = 'closed';
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private reject(message: Message): void {
    this.fail(new TdsProtocolError(`message type ${message.type} is not allowed while ${this.phase}`));
  }

  private send(payload: Buffer): void {
    if (this.phase === 'closed' || this.socket.destroyed) return;
    const packets = splitMessage(PacketType.TABULAR_RESULT, payload, this.packetSize, this.settings.spid);
    this.socket.write(Buffer.concat(packets));
  }

  private onPrelogin(message: Message): void {
    if (message.type !== PacketType.PRELOGIN) return this.reject(message);
    decodePrelogin(message.payload);
    this.send(encodePreloginReply(SERVER_VERSION));
    this.phase = 'login';
  }

  private onLogin(message: Message): void {
    if (message.type !== PacketType.LOGIN7) return this.reject(message);
    const verdict = checkLogin(decodeLogin7(message.payload), this.settings);
    if (!verdict.ok) {
      this.send(verdict.reply);
      this.phase = 'closed';
      this.socket.end();
      return;
    }
    this.phase = 'loggingIn';
    this.work = this.settings.engine.openSession({ database: verdict.database, user: this.settings.user }).then(
      (session) => {
        this.session = session;
        if (this.socket.destroyed) return;
        this.packetSize = verdict.packetSize;
        this.send(encodeLoginSuccess(verdict.database, verdict.packetSize, verdict.tdsVersion));
        this.phase = 'loggedIn';
      },
      (error: unknown) => this.fail(error),
    );
  }

  private onLoggedIn(message: Message): void {
    if (message.type === PacketType.ATTENTION) {
      // The request it meant to cancel has already been answered; acknowledge it all the same.
      return this.send(encodeAttentionAck());
    }
    if (!isRequestType(message.type)) return this.reject(message);
    if (message.ignored) return this.send(encodeEmptyDone()); // the client abandoned it mid-send (MS-TDS 2.2.3.1.2)
    const session = this.session;
    if (session === undefined) return this.reject(message);
    const controller = new AbortController();
    this.running = controller;
    this.phase = 'request';
    const type = message.type;
    const reset = (message.status & PacketStatus.RESET_CONNECTION) !== 0;
    this.work = this.execute(type, message.payload, reset, controller.signal).then(
      (reply) => this.finishRequest(reply),
      (error: unknown) => this.failRequest(error),
    );
  }

  private async execute(type: Parameters<typeof runRequest>[0], payload: Buffer, reset: boolean, signal: AbortSignal): Promise<Buffer> {
    let prefix: Buffer = Buffer.alloc(0);
    if (reset) {
      // RESETCONNECTION (MS-TDS 2.2.3.1.2): a fresh session, acknowledged by ENVCHANGE 18.
      await this.session?.close();
      this.session = await this.settings.engine.openSession({ database: this.settings.database, user: this.settings.user });
      prefix = encodeResetConnectionAck();
    }
    const session = this.session;
    if (session === undefined) throw new TdsProtocolError('no session');
    return Buffer.concat([prefix, await runRequest(type, payload, session, this.transactions, signal)]);
  }

  private finishRequest(reply: Buffer): void {
    if (this.phase === 'closed') return;
    this.send(reply);
    // tedious discards the request's own reply once it has cancelled, then waits for a separate
    // message holding DONE with ATTN (MS-TDS 3.2.5.7; tedious SENT_ATTENTION state).
    if (this.phase === 'attention') this.send(encodeAttentionAck());
    this.running = undefined;
    this.phase = 'loggedIn';
  }

  private failRequest(error: unknown): void {
    if (error instanceof ConnectionDropFault || error instanceof TdsProtocolError || this.phase === 'closed') {
      return this.fail(error);
    }
    // A bug behind the seam: report it as an error rather than hang the client.
    const reason = error instanceof Error ? error.message : String(error);
    this.finishRequest(encodeFailure(internalError(reason), 'batch'));
  }

  private onDuringRequest(message: Message): void {
    if (message.type !== PacketType.ATTENTION) return this.reject(message);
    this.phase = 'attention';
    this.running?.abort();
  }

  private onDuringAttention(message: Message): void {
    if (message.type !== PacketType.ATTENTION) return this.reject(message);
  }
}

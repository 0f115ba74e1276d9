// The 8-byte transaction descriptors a connection hands out in ENVCHANGE 8 and takes back in 9/10
// (MS-TDS 2.2.7.9); the client echoes the current one in ALL_HEADERS (2.2.5.3.2).
export const TRANSACTION_DESCRIPTOR_LENGTH = 8;

export class TransactionDescriptors {
  private counter = 0n;
  private active: Buffer | undefined;

  /** A fresh descriptor for a transaction that just began. */
  begin(): Buffer {
    this.counter += 1n;
    const descriptor = Buffer.alloc(TRANSACTION_DESCRIPTOR_LENGTH);
    descriptor.writeBigUInt64LE(this.counter);
    this.active = descriptor;
    return descriptor;
  }

  /** The descriptor of the transaction that just ended. */
  end(): Buffer {
    const descriptor = this.active ?? Buffer.alloc(TRANSACTION_DESCRIPTOR_LENGTH);
    this.active = undefined;
    return descriptor;
  }
}

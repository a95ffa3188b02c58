// The SSH wire format's reader (RFC 4251: uint32 lengths before strings and mpints), shared
// by the OpenSSH private key reader and check-key's `ssh-rsa AAAA…` lines. It lives apart
// from openssh.ts so reading a public line does not load bcrypt-pbkdf.

export class SshReader {
  constructor(
    private readonly buffer: Buffer,
    private at = 0,
    /** The error a read past the end throws: each caller names what was cut short. */
    private readonly truncated: () => Error = () => new Error('SSH data cut short'),
  ) {}
  uint32(): number {
    if (this.at + 4 > this.buffer.length) throw this.truncated();
    const value = this.buffer.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }
  bytes(): Buffer {
    const length = this.uint32();
    if (this.at + length > this.buffer.length) throw this.truncated();
    const value = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }
  text(): string {
    return this.bytes().toString('latin1');
  }
}

declare module 'bcrypt-pbkdf' {
  /** OpenBSD bcrypt_pbkdf, as OpenSSH uses it to derive the key of an encrypted private key file. */
  export function pbkdf(
    pass: Uint8Array,
    passlen: number,
    salt: Uint8Array,
    saltlen: number,
    key: Uint8Array,
    keylen: number,
    rounds: number,
  ): number;
}

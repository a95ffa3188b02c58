import type { KeyObject } from 'node:crypto';
import { newKeyLifecycle, type KeyRecord, type KeySource } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import { historyEntry } from '../catalog/history';
import { publicRecord } from '../catalog/publicRecord';
import type { StoredKey } from '../catalog/types';
import { CoreError } from '../errors';
import { sshFingerprint } from '../keys/fingerprint';
import { newKeyId } from '../keys/keyId';
import { modulusBits, privateKeyFromStoredPem, privatePkcs8Pem, publicSpkiPem } from '../keys/rsa';
import type { Vault } from '../keychain/vault';
import { keyExists, labelTaken, validLabel } from './keyRules';
import { live } from './lifecycle';

// How a key enters the list: made, imported, restored or recovered. The secret goes
// to the keychain first and the entry second, so a failure in between leaves a
// secret without an entry, which reconcile reports and recover lists again.

export interface IntakeMeta {
  label: string;
  appId: string | null;
  source: KeySource;
  /** Set for a secret already in the keychain (recover): nothing is written there. */
  id?: string;
  createdAt?: string | null;
  rotationOf?: string | null;
}

const EVENT = { generated: 'created', imported: 'imported', recovered: 'recovered', restored: 'restored' } as const;

export class KeyIntake {
  constructor(
    private readonly catalog: Catalog,
    private readonly vault: Vault,
    private readonly now: () => Date,
  ) {}

  /** Refuses a label a live key has, or a key that is here already (the trash included), before any work. */
  async assertNew(label: string, privateKey?: KeyObject): Promise<void> {
    const keys = await this.catalog.read();
    if (privateKey) {
      const fingerprint = sshFingerprint(privateKey);
      const twin = keys.find((key) => key.fingerprint === fingerprint);
      if (twin) throw keyExists(twin);
    }
    if (live(keys).some((key) => key.label === label)) throw labelTaken(label);
  }

  /** Puts a private key in the vault and lists it. */
  async store(privateKey: KeyObject, meta: IntakeMeta): Promise<KeyRecord> {
    const entry: StoredKey = {
      id: meta.id ?? newKeyId(),
      label: meta.label,
      appId: meta.appId,
      kid: null,
      createdAt: meta.createdAt === undefined ? this.now().toISOString() : meta.createdAt,
      kidRecordedAt: null,
      bits: modulusBits(privateKey),
      fingerprint: sshFingerprint(privateKey),
      source: meta.source,
      publicPem: publicSpkiPem(privateKey),
      ...newKeyLifecycle(),
      rotationOf: meta.rotationOf ?? null,
    };
    if (!meta.id) await this.vault.put(entry.id, privatePkcs8Pem(privateKey));
    try {
      await this.catalog.update((keys, history) => {
        if (live(keys).some((key) => key.label === entry.label)) throw labelTaken(entry.label);
        const twin = keys.find((key) => key.fingerprint === entry.fingerprint);
        if (twin) throw keyExists(twin);
        keys.push(entry);
        history.push(
          historyEntry(
            entry,
            EVENT[entry.source],
            this.now(),
            entry.rotationOf ? `rotation of ${entry.rotationOf}` : undefined,
          ),
        );
      });
    } catch (error) {
      // The catalog refused the entry: take the fresh secret back out so nothing is left unlisted.
      if (!meta.id) await this.vault.delete(entry.id).catch(() => undefined);
      throw error;
    }
    return publicRecord(entry);
  }

  /** Lists again a secret that reconcile found without a catalog entry. */
  async recover(id: string, label: string): Promise<KeyRecord> {
    const name = validLabel(label);
    const listed = (await this.catalog.read()).find((key) => key.id === id);
    if (listed?.status === 'trashed') throw keyExists(listed);
    if (listed) throw new CoreError('key_exists', `Key ${id} is already in the key list.`);
    const pem = await this.vault.get(id);
    if (pem === null) throw new CoreError('secret_missing', `The keychain holds no complete secret with id ${id}.`);
    return this.store(privateKeyFromStoredPem(pem), {
      id,
      label: name,
      appId: null,
      source: 'recovered',
      createdAt: null,
    });
  }
}

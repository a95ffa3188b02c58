import type { Finding, KeyListing } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import { publicRecord } from '../catalog/publicRecord';
import { CoreError, toErrorValue } from '../errors';
import type { Vault, SecretStore } from './vault';
import type { WriteMarks } from './writeMarks';

// Catalog and keychain side by side. The keychain is written first and the list
// second, so an interrupted step leaves a mismatch; this finds every one and
// changes nothing: recover and purge are what mend them, when a person chooses.

/** The keychain entry of this computer's age identity (X25519), made once, like every other secret. */
export const BACKUP_IDENTITY_ID = 'jaas-backup-age-identity';

/** Keychain items that are secrets of their own and never keys of the list. */
const NON_KEY_SECRETS: ReadonlySet<string> = new Set([BACKUP_IDENTITY_ID]);

/** Compares catalog and keychain and reports every mismatch; changes nothing. */
export async function reconcile(catalog: Catalog, vault: Vault): Promise<Finding[]> {
  const [keys, inventory] = await Promise.all([catalog.read(), vault.inventory()]);
  const stored = new Set(inventory.complete);
  const listed = new Set(keys.map((key) => key.id));
  const findings: Finding[] = [];
  for (const key of keys) {
    if (!stored.has(key.id)) {
      findings.push({
        kind: 'entry_without_secret',
        id: key.id,
        label: key.label,
        message: `The private key of "${key.label}" is missing from the keychain. Its public key still works for exports, but it cannot sign tokens or be exported.`,
      });
    }
  }
  for (const id of inventory.complete) {
    if (!listed.has(id) && !NON_KEY_SECRETS.has(id)) {
      findings.push({
        kind: 'secret_without_entry',
        id,
        message: `The keychain holds private key ${id}, which is not in the key list (a save was interrupted, or the list was replaced). Recover it to list it again, or delete it.`,
      });
    }
  }
  for (const id of inventory.partial) {
    findings.push({
      kind: 'incomplete_secret',
      id,
      message: `The keychain holds part of private key ${id} without its index (an interrupted write or delete). It cannot be read; delete it to clean up.`,
    });
  }
  return findings;
}

/**
 * Every key with reconcile's findings. A keychain that cannot be reached is reported
 * beside the list, not fatal: the list itself needs no keychain.
 */
export async function listing(catalog: Catalog, vault: Vault, store: SecretStore): Promise<KeyListing> {
  const keys = (await catalog.read()).map(publicRecord);
  const keychainName = (await store.describe?.().catch(() => null)) ?? null;
  try {
    return { keys, findings: await reconcile(catalog, vault), keychainProblem: null, keychainName };
  } catch (error) {
    if (!(error instanceof CoreError) || error.code === 'catalog_corrupt') throw error;
    return { keys, findings: [], keychainProblem: toErrorValue(error), keychainName };
  }
}

/**
 * The listing a window opens with: reconcile's findings only when a keychain write may not
 * have finished (a write mark was left); otherwise the keys alone, and no secret is read.
 */
export async function startupListing(
  catalog: Catalog,
  vault: Vault,
  store: SecretStore,
  marks: WriteMarks,
): Promise<KeyListing> {
  const left = await marks.left();
  if (left.length > 0) {
    const checked = await listing(catalog, vault, store);
    // The findings are on screen now; a keychain that could not be checked keeps the marks for next time.
    if (checked.keychainProblem === null) await marks.clear(left);
    return checked;
  }
  const keys = (await catalog.read()).map(publicRecord);
  const keychainName = (await store.describe?.().catch(() => null)) ?? null;
  return { keys, findings: [], keychainProblem: null, keychainName };
}

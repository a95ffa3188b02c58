import type { KeyObject } from 'node:crypto';
import {
  KEY_RUNTIMES,
  RUNTIME_NAMES,
  type KeyCheckReport,
  type KeyProblem,
  type KeyProblemId,
  type KeyRuntime,
} from '../../shared/keyCheck';
import type { KeyRecord } from '../../shared/keys';
import { CoreError } from '../errors';
import { sshFingerprint } from './fingerprint';
import { FORMAT_NAMES } from './importKey';
import { KEY_READERS, PKCS8_ONLY } from './keyReaders';
import { PROBLEM_TEXT } from './keyProblems';
import { recoverKey, type KeyContainer } from './keyText';
import { JAAS_KEY_BITS } from './rsa';

// A diagnosis of a private key as it arrived somewhere (keys/keyText.ts undoes the
// manglings; keys/keyReaders.ts says which runtimes load it as it is). The report
// never holds key material; the recovered key stays in the core for a repaired copy.

const CONTAINER_NAMES: Record<KeyContainer, string> = {
  pkcs1: FORMAT_NAMES.pkcs1,
  pkcs8: FORMAT_NAMES.pkcs8,
  spki: 'public key (PEM)',
  'pkcs1-public': 'PKCS#1 public key (PEM)',
  encrypted: 'encrypted private key',
  openssh: FORMAT_NAMES.openssh,
  'ssh-public': 'OpenSSH public key',
};

/** Ten times a 4096-bit key's PEM in base64 twice: anything longer is not one key. */
export const MAX_KEY_BYTES = 64 * 1024;

export interface KeyDiagnosis {
  report: KeyCheckReport;
  /** The private JaaS key recovered from the text, for `--fix-out`; null when there is none. */
  repaired: KeyObject | null;
}

function storedNote(record: KeyRecord): NonNullable<KeyCheckReport['stored']> {
  const name = `"${record.label}"`;
  const base = { id: record.id, label: record.label, status: record.status };
  const day = (iso: string | null) => (iso ?? '').slice(0, 10);
  switch (record.status) {
    case 'active':
      return {
        ...base,
        severity: 'info',
        message: record.current
          ? `This is ${name}, the current key of ${record.appId ?? 'its AppID'} (Key ID ${record.kid ?? 'none'}).`
          : `This is ${name} (Key ID ${record.kid ?? 'none'}); it signs, but it is not the current key of ${record.appId ?? 'its AppID'}.`,
      };
    case 'needs-kid':
      return {
        ...base,
        severity: 'warning',
        message: `This is ${name}, which has no Key ID yet: JaaS accepts its tokens only once its public key is uploaded to the console and the Key ID recorded here.`,
      };
    case 'retired':
      return {
        ...base,
        severity: 'warning',
        message: `This is ${name}, retired on ${day(record.retiredAt)}: the console may no longer accept it.`,
      };
    case 'trashed':
      return {
        ...base,
        severity: 'warning',
        message: `This is ${name}, in the trash since ${day(record.trashedAt)}: it is not meant to sign any more.`,
      };
  }
}

/**
 * Checks a key's bytes for `runtime` (every OpenSSL-based reader when none is named)
 * and for JaaS (an RSA private key of 4096 bits), and names it when it is stored here.
 */
export function diagnoseKey(bytes: Buffer, runtime: KeyRuntime | null, records: readonly KeyRecord[]): KeyDiagnosis {
  if (bytes.length > MAX_KEY_BYTES)
    throw new CoreError(
      'invalid_key_file',
      `This is ${Math.round(bytes.length / 1024)} KB; a 4096-bit private key is about 3 KB (6 KB in base64), so this is not one key.`,
    );
  const asIs = bytes.toString('utf8');
  // Four runtimes share OpenSSL's reader: each distinct reader runs once.
  const verdicts = new Map<(text: string) => boolean, boolean>();
  const loads = (name: KeyRuntime) => {
    const reader = KEY_READERS[name];
    if (!verdicts.has(reader)) verdicts.set(reader, reader(asIs));
    return verdicts.get(reader)!;
  };
  const readers = KEY_RUNTIMES.map((name) => ({ runtime: name, loads: loads(name) }));
  // Without a runtime named, the OpenSSL readers (Node's jsonwebtoken among them) decide.
  const loadsAsIs = loads(runtime ?? 'node');
  const recovered = recoverKey(bytes);
  const { container, key } = recovered;
  const problems: KeyProblem[] = [];
  const add = (id: KeyProblemId, severity: KeyProblem['severity'], extra?: Partial<KeyProblem>) =>
    problems.push({ id, severity, ...PROBLEM_TEXT[id], ...extra });
  for (const id of recovered.found) add(id, loadsAsIs && id !== 'damaged' && id !== 'openssh' ? 'warning' : 'error');

  const isPublic = container === 'spki' || container === 'pkcs1-public' || container === 'ssh-public';
  if (isPublic) add('public-key', 'error');
  if (container === 'encrypted') add('encrypted', 'error');
  const rsa = key?.asymmetricKeyType === 'rsa';
  if (key && !rsa) add('not-rsa', 'error');
  const bits = rsa ? (key.asymmetricKeyDetails?.modulusLength ?? null) : null;
  if (bits !== null && bits < JAAS_KEY_BITS)
    add('wrong-size', 'error', { message: `JaaS API keys are 4096-bit RSA keys; this one has ${bits} bits.` });
  if (container === 'pkcs1' && (runtime === null || PKCS8_ONLY.includes(runtime))) {
    if (runtime)
      add('pkcs1-needs-pkcs8', 'error', {
        message: `This is PKCS#1 ("BEGIN RSA PRIVATE KEY"); ${RUNTIME_NAMES[runtime]} reads only PKCS#8 ("BEGIN PRIVATE KEY").`,
      });
    else
      add('pkcs1-needs-pkcs8', 'warning', {
        message: `This is PKCS#1 ("BEGIN RSA PRIVATE KEY"). OpenSSL-based readers take it, but ${PKCS8_ONLY.map((name) => RUNTIME_NAMES[name]).join(', ')}, jose and WebCrypto need PKCS#8.`,
      });
  }

  const fingerprint = rsa ? sshFingerprint(key) : null;
  const match = fingerprint ? records.find((record) => record.fingerprint === fingerprint) : undefined;
  const privateJaasKey = rsa && !isPublic && (bits ?? 0) >= JAAS_KEY_BITS;
  const report: KeyCheckReport = {
    ok: loadsAsIs && privateJaasKey && !problems.some((problem) => problem.severity === 'error'),
    runtime,
    loadsAsIs,
    readers,
    key: {
      kind: isPublic ? 'public' : container === 'encrypted' ? 'encrypted' : key ? 'private' : 'unknown',
      format: container ? CONTAINER_NAMES[container] : null,
      bits,
      fingerprint,
    },
    problems,
    stored: match ? storedNote(match) : null,
    repairable: privateJaasKey,
  };
  return { report, repaired: privateJaasKey ? key : null };
}

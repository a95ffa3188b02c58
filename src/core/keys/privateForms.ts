import type { KeyObject } from 'node:crypto';
import { PRIVATE_FORMAT_NAMES, type KeyRecord, type PrivateFormat } from '../../shared/keys';
import { CoreError } from '../errors';
import { privatePkcs1Pem, privatePkcs8Pem } from './rsa';

export { PRIVATE_FORMAT_NAMES, PRIVATE_FORMATS, type PrivateFormat } from '../../shared/keys';

// The forms a server reads a private key in (docs/cli.md, "Keys in production"). Each
// is made from the key and its record here, so `export-private --format F` and the
// window's "Use this key" hand over the same bytes. The deployment forms carry the
// AppID and kid beside the key, so they need a recorded kid.

/** A dotenv value in double quotes: newlines as \n, as the dotenv readers of Node, Python and Docker Compose take it. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A Kubernetes object name (DNS-1123 subdomain) from a label: "Prod web" → "jaas-prod-web". */
export function secretName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `jaas-${slug || 'key'}`.slice(0, 63).replace(/-+$/, '');
}

function needsKid(record: KeyRecord, format: PrivateFormat): { appId: string; kid: string } {
  if (!record.kid || !record.appId) {
    throw new CoreError(
      'no_kid',
      `"${record.label}" has no Key ID yet, and ${PRIVATE_FORMAT_NAMES[format]} carries it beside the key. Record the Key ID the JaaS console shows first.`,
      { keyId: record.id },
    );
  }
  return { appId: record.appId, kid: record.kid };
}

export function privateKeyForm(format: PrivateFormat, key: KeyObject, record: KeyRecord): string {
  if (format === 'pkcs1') return privatePkcs1Pem(key);
  if (format === 'pkcs8') return privatePkcs8Pem(key);
  const { appId, kid } = needsKid(record, format);
  const pem = privatePkcs8Pem(key);
  switch (format) {
    case 'env':
      return `JAAS_APP_ID=${appId}\nJAAS_KID=${kid}\nJAAS_PRIVATE_KEY=${quoted(pem)}\n`;
    case 'env-base64':
      return `JAAS_APP_ID=${appId}\nJAAS_KID=${kid}\nJAAS_PRIVATE_KEY_B64=${Buffer.from(pem).toString('base64')}\n`;
    case 'json':
      return `${JSON.stringify({ appId, kid, privateKey: pem }, null, 2)}\n`;
    case 'jwk':
      return `${JSON.stringify({ ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }, null, 2)}\n`;
    case 'k8s':
      return [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        `  name: ${secretName(record.label)}`,
        'type: Opaque',
        'stringData:',
        `  JAAS_APP_ID: ${JSON.stringify(appId)}`,
        `  JAAS_KID: ${JSON.stringify(kid)}`,
        '  JAAS_PRIVATE_KEY: |',
        ...pem
          .trimEnd()
          .split('\n')
          .map((line) => `    ${line}`),
        '',
      ].join('\n');
  }
}

import type { KeyObject } from 'node:crypto';
import type { KeyCheckReport, KeyRuntime } from '../../shared/keyCheck';
import type { KeyRecord } from '../../shared/keys';
import type { Catalog } from '../catalog/catalog';
import type { StoredKey } from '../catalog/types';
import { publicRecord } from '../catalog/publicRecord';
import { resolveKey } from '../catalog/resolveKey';
import { CoreError } from '../errors';
import { writeExportFile } from '../files/exportFile';
import { diagnoseKey } from '../keys/keyCheck';
import { privatePkcs1Pem, privatePkcs8Pem } from '../keys/rsa';
import { noKidError } from '../tokens/token';
import { assertCanSign } from '../lifecycle/lifecycle';
import { renderTemplate, templateReferences, type TemplateField } from './template';

// Keys in production (issue 20): a diagnosis of a key as it arrived on a server, a
// repaired copy of it, and config files rendered from templates. Private fields of a
// template come from keys that may sign; each key whose private key went into a file
// gets a history entry, as an export does.

const PRIVATE_FIELDS: readonly TemplateField[] = [
  'privateKeyPkcs8',
  'privateKeyPkcs1',
  'privateKeyEscaped',
  'privateKeyBase64',
];

export interface Rendered {
  text: string;
  /** The keys whose private key the text holds. */
  privateKeys: KeyRecord[];
}

export class Production {
  constructor(
    private readonly catalog: Catalog,
    private readonly openKey: (record: StoredKey) => Promise<KeyObject>,
    private readonly notePrivateExport: (id: string, how: string) => Promise<void>,
  ) {}

  /** What is wrong with a key's bytes for `runtime`, and which key here it is (keys/keyCheck.ts). */
  async checkKey(bytes: Buffer, runtime: KeyRuntime | null): Promise<KeyCheckReport> {
    return diagnoseKey(bytes, runtime, await this.catalog.read()).report;
  }

  /** Writes the recovered key as PKCS#8 PEM (read by every runtime) to a 0600 file; the report says what was wrong. */
  async saveRepaired(bytes: Buffer, runtime: KeyRuntime | null, path: string, force: boolean): Promise<KeyCheckReport> {
    const { report, repaired } = diagnoseKey(bytes, runtime, await this.catalog.read());
    if (!repaired)
      throw new CoreError(
        'invalid_key_file',
        'No 4096-bit RSA private key could be recovered from this text, so no repaired copy was written.',
      );
    await writeExportFile(path, privatePkcs8Pem(repaired), { force, mode: 0o600 });
    return report;
  }

  /** A template filled from the keys here; each unknown key or field is refused by name before anything is read. */
  async render(template: string): Promise<Rendered> {
    const { references, problems } = templateReferences(template);
    const keys = await this.catalog.read();
    const records = new Map<number, StoredKey>();
    let code: CoreError['code'] = 'invalid_input';
    for (const reference of references) {
      try {
        const record = resolveKey(keys, reference.ref);
        if (PRIVATE_FIELDS.includes(reference.field)) assertCanSign(record);
        else if ((reference.field === 'kid' || reference.field === 'appId') && (!record.kid || !record.appId))
          throw noKidError(record);
        records.set(reference.index, record);
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        if (!problems.length) code = error.code;
        problems.push(`line ${reference.line}: ${error.message}`);
      }
    }
    if (problems.length) {
      const byLine = problems.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
      throw new CoreError(code, `The template cannot be filled. ${byLine.join(' ')}`);
    }
    const opened = new Map<string, KeyObject>();
    for (const reference of references) {
      const record = records.get(reference.index)!;
      if (PRIVATE_FIELDS.includes(reference.field) && !opened.has(record.id))
        opened.set(record.id, await this.openKey(record));
    }
    const text = renderTemplate(template, (reference) => {
      const record = records.get(reference.index)!;
      const key = opened.get(record.id);
      switch (reference.field) {
        case 'appId':
          return record.appId!;
        case 'kid':
          return record.kid!;
        case 'publicKey':
          return record.publicPem;
        case 'privateKeyPkcs8':
          return privatePkcs8Pem(key!);
        case 'privateKeyPkcs1':
          return privatePkcs1Pem(key!);
        case 'privateKeyEscaped':
          return privatePkcs8Pem(key!).replace(/\n/g, '\\n');
        case 'privateKeyBase64':
          return Buffer.from(privatePkcs8Pem(key!)).toString('base64');
      }
    });
    const privateKeys = [...records.values()].filter((record) => opened.has(record.id));
    return { text, privateKeys: [...new Map(privateKeys.map((record) => [record.id, publicRecord(record)])).values()] };
  }

  /** Renders to a file (0600, whole or not at all) and records each private key that went into it. */
  async renderToFile(template: string, path: string, force: boolean): Promise<Rendered> {
    const rendered = await this.render(template);
    await writeExportFile(path, rendered.text, { force, mode: 0o600 });
    for (const record of rendered.privateKeys) await this.notePrivateExport(record.id, `a config rendered to ${path}`);
    return rendered;
  }
}

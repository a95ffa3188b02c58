import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog, type StoredKey } from '../../src/core/catalog/catalog';
import { storedKeyFields, tempDir } from '../support/fixtures';

function entry(n: number): StoredKey {
  return {
    id: n.toString(16).padStart(16, '0'),
    label: `key ${n}`,
    appId: null,
    kid: null,
    createdAt: new Date(0).toISOString(),
    kidRecordedAt: null,
    bits: 4096,
    fingerprint: `SHA256:${n}`,
    source: 'generated',
    publicPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
    ...storedKeyFields(),
  };
}

describe('Catalog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a missing file as an empty list and writes versioned JSON', async () => {
    const catalog = new Catalog(dir);
    expect(await catalog.read()).toEqual([]);
    await catalog.update((keys) => void keys.push(entry(1)));
    const json = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8'));
    expect(json).toEqual({
      version: 2,
      writeId: expect.stringMatching(/^[0-9a-f]{16}$/),
      keys: [entry(1)],
      history: [],
    });
    expect((await stat(join(dir, 'keys.json'))).mode & 0o777).toBe(0o600);
  });

  it('removes the temporary files a killed writer left, and nothing else, at the next write', async () => {
    const catalog = new Catalog(dir);
    await catalog.update((keys) => void keys.push(entry(1)));
    const abandoned = ['.keys.json.0123456789ab.tmp', '.keys.json.ba9876543210.tmp'];
    // Near misses of the pattern stay: another file's temporaries, a longer name, a name with more after `.tmp`.
    const unrelated = [
      '.keys.json.notours.tmp',
      '.keys.v1.json.0123456789ab.tmp',
      'notes.tmp',
      '.keys.json.x0123456789ab.tmp',
      '.keys.json.0123456789ab.tmp.keep',
    ];
    for (const name of [...abandoned, ...unrelated]) await writeFile(join(dir, name), 'x');
    await catalog.read();
    expect(await readdir(dir)).toEqual(expect.arrayContaining(abandoned));
    await catalog.update((keys) => void keys.push(entry(2)));
    expect((await readdir(dir)).sort()).toEqual(['keys.json', ...unrelated].sort());
  });

  it('reads its own write without parsing again, and still sees the writes of others', async () => {
    const mine = new Catalog(dir);
    const theirs = new Catalog(dir);
    await mine.update((keys) => void keys.push(entry(1)));
    const first = await mine.read();
    expect(await mine.read()).toBe(first); // the state it wrote, shared, not parsed again
    await theirs.update((keys) => void keys.push(entry(2)));
    expect((await mine.read()).map((key) => key.id)).toEqual([entry(1).id, entry(2).id]);
    // Same size, same content shape: only the write mark tells the files apart.
    await theirs.update((keys) => void (keys[0]!.label = 'key 9'));
    expect((await mine.read())[0]!.label).toBe('key 9');
  });

  it('is not fooled by a file with the same inode, size and time as the list it cached', async () => {
    // What ext4 does to a cache keyed by inode and time: it gives a replaced file's inode to
    // the next one, and two writes within one clock step get the same time. Here the other
    // writer (an older version, which writes no mark) rewrites the file in place, at its size, and sets its time back.
    const mine = new Catalog(dir);
    await mine.update((keys) => void keys.push(entry(1)));
    expect((await mine.read())[0]!.label).toBe('key 1');
    const path = join(dir, 'keys.json');
    const before = await stat(path);
    const text = await readFile(path, 'utf8');
    const theirs = text
      .replace(/"writeId": "[0-9a-f]{16}"/, (mark) => `"written": "${'x'.repeat(mark.length - 13)}"`)
      .replace('"key 1"', '"key 2"');
    expect(theirs.length).toBe(text.length);
    // touch -r copies the time to the nanosecond, where utimes would round it.
    execFileSync('cp', ['--preserve=timestamps', path, join(dir, 'time')]);
    await writeFile(path, theirs);
    execFileSync('touch', ['-r', join(dir, 'time'), path]);
    const after = await stat(path);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    expect((await mine.read())[0]!.label).toBe('key 2');
  });

  it('keeps labels in any script as they were typed, read back by a new reader', async () => {
    const labels = ['plain ascii', 'café crème', 'ключ', '鍵 🔑', 'e\u0301'];
    await new Catalog(dir).update((keys) => void keys.push(...labels.map((label, n) => ({ ...entry(n + 1), label }))));
    expect((await new Catalog(dir).read()).map((key) => key.label)).toEqual(labels);
    await new Catalog(dir).update((keys) => void keys.splice(1));
    expect((await new Catalog(dir).read()).map((key) => key.label)).toEqual(['plain ascii']);
  });

  it('refuses, loudly, a caller that edits the shared list it read', async () => {
    const catalog = new Catalog(dir);
    await catalog.update((keys) => void keys.push(entry(1)));
    const keys = await catalog.read();
    expect(() => ((keys[0] as { label: string }).label = 'changed')).toThrow(TypeError);
    expect(() => (keys as StoredKey[]).push(entry(2))).toThrow(TypeError);
    expect((await new Catalog(dir).read())[0]!.label).toBe('key 1');
  });

  it('leaves no temporary or lock file behind', async () => {
    const catalog = new Catalog(dir);
    await catalog.update((keys) => void keys.push(entry(1)));
    expect(await readdir(dir)).toEqual(['keys.json']);
  });

  it.each([
    ['not JSON', '{"version":2,"keys":[', /not valid JSON/],
    ['a wrong shape', '{"version":2,"keys":[{"id":"x"}],"history":[]}', /keys\.0\.id is not valid/],
    ['a version 1 file of the wrong shape', '{"version":1,"keys":[{"id":"x"}]}', /keys\.0\.id is not valid/],
    ['version 0', '{"version":0,"keys":[],"history":[]}', /version is not valid/],
    ['no version', '{"keys":[]}', /version is not valid/],
  ])('refuses a catalog that is %s and never overwrites it', async (_name, text, message) => {
    await writeFile(join(dir, 'keys.json'), text);
    const catalog = new Catalog(dir);
    await expect(catalog.read()).rejects.toMatchObject({
      code: 'catalog_corrupt',
      message: expect.stringMatching(message),
    });
    await expect(catalog.update((keys) => void keys.push(entry(1)))).rejects.toMatchObject({ code: 'catalog_corrupt' });
    expect(await readFile(join(dir, 'keys.json'), 'utf8')).toBe(text);
  });

  it('refuses a catalog from a newer version with a hint to update', async () => {
    await writeFile(join(dir, 'keys.json'), '{"version":3,"keys":[]}');
    await expect(new Catalog(dir).read()).rejects.toMatchObject({
      code: 'catalog_corrupt',
      message: expect.stringMatching(/newer version/),
    });
  });

  it('keeps every change when many updates run at once, from two Catalog objects', async () => {
    const first = new Catalog(dir);
    const second = new Catalog(dir);
    await Promise.all(
      Array.from({ length: 40 }, (_, n) => (n % 2 ? first : second).update((keys) => void keys.push(entry(n)))),
    );
    const ids = (await first.read()).map((key) => key.id).sort();
    expect(ids).toEqual(Array.from({ length: 40 }, (_, n) => entry(n).id).sort());
  });

  it('writes nothing when a change throws', async () => {
    const catalog = new Catalog(dir);
    await catalog.update((keys) => void keys.push(entry(1)));
    await expect(
      catalog.update((keys) => {
        keys.push(entry(2));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await catalog.read()).map((key) => key.id)).toEqual([entry(1).id]);
  });
});

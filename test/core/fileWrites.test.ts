import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/core/files/atomicFile';
import { writeExportFile } from '../../src/core/files/exportFile';
import { tempDir } from '../support/fixtures';
import { canMount, withTmpfs } from '../support/tmpfs';

// The two ways the core writes a file, on real file systems that fail: a 4 KB
// tmpfs that fills up and a read-only one (mounting needs root, as CI has), and
// targets that cannot be replaced. Each failure must name the file and the
// system's reason, and leave nothing partial: no temporary file, the old file whole.

const BIG = `${'é'.repeat(40_000)}\n`; // 80 KB in UTF-8: more than the small disk holds
const TEXT = 'ünïcode, kept byte for byte\n';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeExportFile', () => {
  it('writes the text exactly, with the mode asked for, and refuses an existing file unless forced', async () => {
    const path = join(dir, 'key.pem');
    await writeExportFile(path, TEXT, { force: false, mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe(TEXT);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(writeExportFile(path, 'other', { force: false, mode: 0o600 })).rejects.toMatchObject({
      code: 'file_exists',
      message: `${path} already exists. Choose another file, or overwrite it on purpose (--force).`,
    });
    expect(await readFile(path, 'utf8')).toBe(TEXT);
    await writeExportFile(path, 'public\n', { force: true, mode: 0o644 });
    expect(await readFile(path, 'utf8')).toBe('public\n');
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect(await readdir(dir)).toEqual(['key.pem']);
  });

  it('names a folder it cannot create the file in', async () => {
    const path = join(dir, 'missing', 'key.pem');
    await expect(writeExportFile(path, TEXT, { force: false, mode: 0o600 })).rejects.toMatchObject({
      code: 'file_error',
      message: `Cannot create ${path} (ENOENT).`,
    });
  });

  it('keeps a folder that stands where the file should go, and leaves no temporary file', async () => {
    const path = join(dir, 'taken');
    await mkdir(path);
    await expect(writeExportFile(path, TEXT, { force: true, mode: 0o600 })).rejects.toMatchObject({
      code: 'file_error',
      message: `Cannot write ${path} (EISDIR); nothing partial was left.`,
    });
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it.runIf(canMount)('on a full disk: says so, leaves no partial file, and keeps the file it would have replaced', () =>
    withTmpfs('size=4k', async (mount) => {
      const fresh = join(mount, 'new.pem');
      await expect(writeExportFile(fresh, BIG, { force: false, mode: 0o600 })).rejects.toMatchObject({
        code: 'file_error',
        message: `The disk is full: ${fresh} was not written (nothing partial was left).`,
      });
      expect(await readdir(mount)).toEqual([]);
      const old = join(mount, 'old.pem');
      await writeFile(old, 'old\n');
      await expect(writeExportFile(old, BIG, { force: true, mode: 0o600 })).rejects.toMatchObject({
        code: 'file_error',
        message: `The disk is full: ${old} was not written (nothing partial was left).`,
      });
      expect(await readdir(mount)).toEqual(['old.pem']);
      expect(await readFile(old, 'utf8')).toBe('old\n');
    }),
  );

  it.runIf(canMount)('on a read-only disk: names the reason and creates nothing', () =>
    withTmpfs('ro', async (mount) => {
      const path = join(mount, 'key.pem');
      for (const force of [false, true]) {
        await expect(writeExportFile(path, TEXT, { force, mode: 0o600 })).rejects.toMatchObject({
          code: 'file_error',
          message: `Cannot create ${path} (EROFS).`,
        });
      }
      expect(await readdir(mount)).toEqual([]);
    }),
  );
});

describe('writeFileAtomic', () => {
  it('replaces the file with the exact text, mode 0600 by default, and reports the new file as it is on disk', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, 'old');
    const written = await writeFileAtomic(path, TEXT);
    expect(await readFile(path, 'utf8')).toBe(TEXT);
    const onDisk = await stat(path);
    expect([written.ino, written.size, written.mtimeMs, onDisk.mode & 0o777]).toEqual([
      onDisk.ino,
      onDisk.size,
      onDisk.mtimeMs,
      0o600,
    ]);
    expect(await readdir(dir)).toEqual(['keys.json']);
  });

  it('takes its temporary file back when the rename fails, and leaves what stood there', async () => {
    const path = join(dir, 'keys.json');
    await mkdir(path);
    await expect(writeFileAtomic(path, TEXT)).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readdir(dir)).toEqual(['keys.json']);
  });

  it.runIf(canMount)('on a full disk: fails, keeps the old file whole and leaves no temporary file', () =>
    withTmpfs('size=4k', async (mount) => {
      const path = join(mount, 'keys.json');
      await writeFile(path, 'old');
      await expect(writeFileAtomic(path, BIG)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await readdir(mount)).toEqual(['keys.json']);
      expect(await readFile(path, 'utf8')).toBe('old');
    }),
  );
});

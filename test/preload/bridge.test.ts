import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';
import { METHODS } from '../../src/shared/methods';
import { buildApi } from '../../src/preload/bridge';

describe('the preload bridge', () => {
  it('exposes exactly the contract methods, frozen', () => {
    const api = buildApi(async () => undefined);
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    expect(Object.keys(contract).sort()).toEqual([...METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own channel with its one argument', async () => {
    const sent: Array<[string, unknown]> = [];
    const api = buildApi(async (channel, input) => {
      sent.push([channel, input]);
      return { ok: true, value: null };
    });
    await api.showKey({ id: '0123456789abcdef' });
    await api.listKeys({});
    expect(sent).toEqual([
      ['jaas:showKey', { id: '0123456789abcdef' }],
      ['jaas:listKeys', {}],
    ]);
  });

  it('the preload source reaches ipcRenderer only through buildApi', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile('src/preload/index.ts', 'utf8');
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\(\s*'jaas',\s*buildApi\(/);
  });
});

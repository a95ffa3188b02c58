import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, PRODUCT_NAME } from '../../src/core/files/dataDir';

describe('defaultDataDir', () => {
  it('is named after package.json productName, as Electron names userData', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).productName).toBe(PRODUCT_NAME);
  });
  it('follows each OS the way Electron does', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/JaaS Key Manager');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe('/cfg/JaaS Key Manager');
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/JaaS Key Manager');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toMatch(
      /Roaming.JaaS Key Manager$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkAppId, checkKid } from '../../src/core/keys/kid';
import { APP_ID, KID } from '../support/fixtures';

describe('checkKid', () => {
  it('accepts a kid as the console shows it and splits it', () => {
    expect(checkKid(KID)).toEqual({ ok: true, value: { kid: KID, appId: APP_ID, suffix: '4f4910' } });
  });

  it('accepts a kid whose AppID matches the expected one', () => {
    expect(checkKid(KID, APP_ID).ok).toBe(true);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['empty', '', /empty/],
    ['leading space', ` ${KID}`, /spaces or line breaks at its start or end/],
    ['trailing newline', `${KID}\n`, /spaces or line breaks at its start or end/],
    ['space inside', `${APP_ID}/ 4f4910`, /contains a space/],
    ['quoted', `"${KID}"`, /quote marks/],
    ['upper-case AppID', KID.toUpperCase().replace('VPAAS-MAGIC-COOKIE-', 'vpaas-magic-cookie-'), /upper-case/],
    ['upper-case suffix', `${APP_ID}/4F4910`, /upper-case/],
    ['sample app', `${APP_ID}/SAMPLE_APP`.replace('/SAMPLE_APP', '/4f4910-SAMPLE_APP'), /sample-app Key ID/],
    ['AppID only', APP_ID, /This is an AppID, not a Key ID/],
    ['no slash', 'abc', /no slash/],
    ['two slashes', `${KID}/12`, /exactly one slash/],
    ['wrong prefix', 'vpaas-magic-cookies-1fc542a3e4414a44b2611668195e2bfe/4f4910', /not a valid AppID/],
    ['short AppID', 'vpaas-magic-cookie-1fc542a3/4f4910', /32 hex digits; this one has 8/],
    ['non-hex AppID', 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfz/4f4910', /only the hex digits/],
    ['empty suffix', `${APP_ID}/`, /suffix after it is missing/],
    ['short suffix', `${APP_ID}/4f491`, /6 hex digits/],
    ['long suffix', `${APP_ID}/4f49100`, /6 hex digits/],
    ['non-hex suffix', `${APP_ID}/4f491g`, /6 hex digits/],
    ['URL pasted', `https://8x8.vc/${KID}`, /exactly one slash/],
  ];
  it.each(bad)('refuses a kid with %s', (_name, text, message) => {
    const result = checkKid(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(message);
  });

  it('refuses a kid of another AppID than the key has', () => {
    const other = 'vpaas-magic-cookie-00000000000000000000000000000000';
    const result = checkKid(KID, other);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining(`this key is for AppID ${other}`) });
  });
});

describe('checkAppId', () => {
  it('accepts a real AppID', () => expect(checkAppId(APP_ID)).toEqual({ ok: true, value: APP_ID }));
  it.each([
    ['', /empty/],
    [`${APP_ID} `, /start or end/],
    [APP_ID.replace('1fc', '1FC'), /upper-case/],
    ['my-app', /starts with "vpaas-magic-cookie-"/],
    [`${APP_ID}0`, /this one has 33/],
  ])('refuses %j', (text, message) => {
    const result = checkAppId(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(message);
  });
});

// The rules for JaaS AppIDs and Key IDs (kids). Pure functions without imports,
// so the window can run them for live feedback and the core for the final word.
// Jitsi looks a key up by a hash of the exact kid string, so nothing is ever
// normalised here: every deviation is refused with what exactly is wrong.

export const APP_ID_PREFIX = 'vpaas-magic-cookie-';
const APP_ID_PATTERN = /^vpaas-magic-cookie-[0-9a-f]{32}$/;
const KID_SUFFIX_PATTERN = /^[0-9a-f]{6}$/;

export type IdCheck<T> = { ok: true; value: T } | { ok: false; problem: string };

function whitespaceProblem(text: string, what: string): string | null {
  if (text.trim() !== text)
    return `The ${what} has spaces or line breaks at its start or end; copy it again without them.`;
  if (/\s/.test(text)) return `The ${what} contains a space or line break; a ${what} has none.`;
  return null;
}

function quoteProblem(text: string, what: string): string | null {
  return /["'`]/.test(text) ? `The ${what} contains quote marks; paste the ${what} alone, without quotes.` : null;
}

export function checkAppId(text: string): IdCheck<string> {
  if (text.length === 0) return { ok: false, problem: 'The AppID is empty.' };
  const early = whitespaceProblem(text, 'AppID') ?? quoteProblem(text, 'AppID');
  if (early) return { ok: false, problem: early };
  if (text.toLowerCase() !== text && text.toLowerCase().startsWith(APP_ID_PREFIX)) {
    return {
      ok: false,
      problem: 'The AppID has upper-case letters; JaaS AppIDs are all lower case, and case matters.',
    };
  }
  if (!text.startsWith(APP_ID_PREFIX)) {
    return {
      ok: false,
      problem: `An AppID starts with "${APP_ID_PREFIX}"; this one starts with "${text.slice(0, APP_ID_PREFIX.length)}".`,
    };
  }
  const hex = text.slice(APP_ID_PREFIX.length);
  if (!/^[0-9a-f]*$/.test(hex))
    return { ok: false, problem: `After "${APP_ID_PREFIX}" an AppID has only the hex digits 0-9 and a-f.` };
  if (hex.length !== 32) {
    return { ok: false, problem: `After "${APP_ID_PREFIX}" an AppID has 32 hex digits; this one has ${hex.length}.` };
  }
  return APP_ID_PATTERN.test(text) ? { ok: true, value: text } : { ok: false, problem: 'This is not a JaaS AppID.' };
}

export interface ParsedKid {
  kid: string;
  appId: string;
  suffix: string;
}

/**
 * Checks a kid as the JaaS console shows it: `<AppID>/<6 hex digits>`. When the
 * key already has an AppID, the kid's AppID must be the same one.
 */
export function checkKid(text: string, expectedAppId: string | null = null): IdCheck<ParsedKid> {
  if (text.length === 0)
    return { ok: false, problem: 'The Key ID is empty. Paste the kid the JaaS console shows for this key.' };
  const early = whitespaceProblem(text, 'Key ID') ?? quoteProblem(text, 'Key ID');
  if (early) return { ok: false, problem: early };
  if (text.endsWith('-SAMPLE_APP')) {
    return {
      ok: false,
      problem:
        'This is the console\'s sample-app Key ID. It belongs to 8x8\'s sample key, so tokens signed with your key under it fail ("could not obtain public key"). Use the kid shown next to the key you uploaded.',
    };
  }
  const slash = text.indexOf('/');
  if (slash === -1) {
    const looksLikeAppId = checkAppId(text).ok;
    return {
      ok: false,
      problem: looksLikeAppId
        ? 'This is an AppID, not a Key ID. A Key ID is the AppID, a slash and a suffix, e.g. vpaas-magic-cookie-…/4f4910.'
        : 'A Key ID has the form <AppID>/<suffix>, e.g. vpaas-magic-cookie-…/4f4910; this one has no slash.',
    };
  }
  if (text.indexOf('/', slash + 1) !== -1)
    return { ok: false, problem: 'A Key ID has exactly one slash; this one has more.' };
  const appIdPart = text.slice(0, slash);
  const suffix = text.slice(slash + 1);
  const appId = checkAppId(appIdPart);
  if (!appId.ok) return { ok: false, problem: `The part before the slash is not a valid AppID. ${appId.problem}` };
  if (suffix.length === 0)
    return { ok: false, problem: 'The Key ID ends at the slash; the suffix after it is missing.' };
  if (suffix.toLowerCase() !== suffix)
    return {
      ok: false,
      problem: 'The suffix after the slash has upper-case letters; Key IDs are lower case, and case matters.',
    };
  if (!KID_SUFFIX_PATTERN.test(suffix)) {
    return { ok: false, problem: `The suffix after the slash should be 6 hex digits (0-9, a-f); "${suffix}" is not.` };
  }
  if (expectedAppId !== null && appIdPart !== expectedAppId) {
    return {
      ok: false,
      problem: `This Key ID belongs to AppID ${appIdPart}, but this key is for AppID ${expectedAppId}.`,
    };
  }
  return { ok: true, value: { kid: text, appId: appIdPart, suffix } };
}

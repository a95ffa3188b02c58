import fc from 'fast-check';
/** A small seeded generator (mulberry32), so a campaign is reproduced from the seed it prints. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T | undefined =>
      items.length ? items[Math.floor(next() * items.length)] : undefined,
    hex: (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

export function seedFromEnv(name: string): number {
  const given = process.env[name];
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

/** Byte-level mutations of a text: flips, cuts, insertions, duplications, as a fuzzer would make. */
export function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.constantFrom('flip', 'cut', 'insert', 'dup', 'truncate'),
    fc.nat(),
    fc.nat({ max: 64 }),
    fc.string({ maxLength: 8 }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let text = base;
    for (const [kind, at, length, piece] of edits) {
      const i = text.length ? at % text.length : 0;
      if (kind === 'flip')
        text =
          text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << (length % 7)) || 65) + text.slice(i + 1);
      else if (kind === 'cut') text = text.slice(0, i) + text.slice(i + length);
      else if (kind === 'insert') text = text.slice(0, i) + piece + text.slice(i);
      else if (kind === 'dup') text = text.slice(0, i) + text.slice(i, i + length).repeat(3) + text.slice(i);
      else text = text.slice(0, i);
    }
    return text;
  });
}

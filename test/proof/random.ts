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

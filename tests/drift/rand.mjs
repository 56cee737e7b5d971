// A small seeded random source for the drift simulator: the same seed gives the same page in
// Node (the test, which needs the truth) and in the browser (the page, which renders it).

/** mulberry32: a fast 32-bit generator, good enough to choose layouts. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    /** A float in [0, 1). */
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element of `list`. */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** True with probability `p`. */
    chance: (p) => next() < p,
    /** `list` in a random order (a copy). */
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    /** A class name like the ones build tools generate: "x3k9q". */
    className: () => Array.from({ length: r.int(4, 8) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 36)]).join('').replace(/^\d/, 'c'),
  };
  return r;
}

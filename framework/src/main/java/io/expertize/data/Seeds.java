package io.expertize.data;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a run seed and keys such as (epoch) or (step, name),
 * so any batch can be recomputed from its global step alone.
 */
final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** SplitMix64's finaliser: a bijective 64-bit mix with good avalanche. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long derive(long seed, long key1, long key2) {
    long h = mix64(seed + GOLDEN);
    h = mix64(h ^ mix64(key1 + GOLDEN));
    return mix64(h ^ mix64(key2 + 2 * GOLDEN));
  }

  static SplittableRandom random(long seed, long key1, long key2) {
    return new SplittableRandom(derive(seed, key1, key2));
  }
}

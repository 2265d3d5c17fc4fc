package io.expertize.nn;

/**
 * T5's relative position buckets (Raffel et al. 2020; mesh TensorFlow's
 * {@code _relative_position_bucket}). A relative position {@code key - query} maps to one of
 * {@code numBuckets} buckets: half of them (per direction when bidirectional) hold small distances
 * exactly, the rest grow logarithmically up to {@code maxDistance}, beyond which all distances share
 * the last bucket. Causal attention never looks ahead, so positive distances all fall in bucket 0.
 */
public final class RelativePositionBuckets {
  private RelativePositionBuckets() {}

  /** The bucket of {@code relativePosition = keyPosition - queryPosition}. */
  public static int bucket(int relativePosition, boolean bidirectional, int numBuckets, int maxDistance) {
    int offset = 0;
    int distance;
    if (bidirectional) {
      numBuckets /= 2;
      offset = relativePosition > 0 ? numBuckets : 0;
      distance = Math.abs(relativePosition);
    } else {
      distance = Math.max(-relativePosition, 0);
    }
    int maxExact = numBuckets / 2;
    if (distance < maxExact) {
      return offset + distance;
    }
    // float32 throughout, truncated toward zero, as the reference computes it (same buckets at the
    // exact powers where a double computation could round the other way)
    float logRatio = (float) Math.log(distance / (float) maxExact);
    float logRange = (float) Math.log(maxDistance / (double) maxExact);
    int large = maxExact + (int) (logRatio / logRange * (numBuckets - maxExact));
    return offset + Math.min(large, numBuckets - 1);
  }

  /** Buckets of every (query, key) pair, row-major {@code [queryLength * keyLength]}. */
  public static int[] table(int queryLength, int keyLength, boolean bidirectional, int numBuckets, int maxDistance) {
    int[] buckets = new int[queryLength * keyLength];
    for (int q = 0; q < queryLength; q++) {
      for (int k = 0; k < keyLength; k++) {
        buckets[q * keyLength + k] = bucket(k - q, bidirectional, numBuckets, maxDistance);
      }
    }
    return buckets;
  }

  /** Checks that a bucket layout is usable in both directions; the message names what failed. */
  public static void validate(int numBuckets, int maxDistance) {
    if (numBuckets < 4 || numBuckets % 2 != 0) {
      throw new IllegalArgumentException(
          "relative attention needs an even number of buckets >= 4 (half per direction, half of those exact), got " + numBuckets);
    }
    if (maxDistance <= numBuckets / 2) {
      throw new IllegalArgumentException("relative attention max distance " + maxDistance
          + " must exceed the " + numBuckets / 2 + " exactly-bucketed distances of causal attention");
    }
  }
}

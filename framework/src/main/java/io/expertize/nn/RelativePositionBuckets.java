package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * T5's relative position buckets (Raffel et al. 2020; mesh TensorFlow's
 * {@code _relative_position_bucket}). A relative position {@code key - query} maps to one of
 * {@link #count()} buckets: half of them (per direction when {@link #bidirectional()}) hold small
 * distances exactly, the rest grow logarithmically up to {@link #maxDistance()}, beyond which all
 * distances share the last bucket. Causal attention never looks ahead, so positive distances all fall
 * in bucket 0. T5's layout (32 buckets, 128) unless set:
 *
 * <pre>{@code
 * RelativePositionBuckets encoder = RelativePositionBuckets.builder().bidirectional(true).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class RelativePositionBuckets {
  /** T5's bucket count. */
  public static final int T5_COUNT = 32;
  /** T5's distance from which all distances share the last bucket. */
  public static final int T5_MAX_DISTANCE = 128;

  /** Whether keys after the query get buckets of their own (an encoder) or share bucket 0 (a decoder). */
  public abstract boolean bidirectional();

  /** The number of buckets, even and at least 4; T5's by default. */
  @Value.Default
  public int count() {
    return T5_COUNT;
  }

  /** The distance from which all distances share the last bucket; T5's by default. */
  @Value.Default
  public int maxDistance() {
    return T5_MAX_DISTANCE;
  }

  @Value.Check
  void check() {
    validate(count(), maxDistance());
  }

  /** The bucket of {@code relativePosition = keyPosition - queryPosition}. */
  public int bucket(int relativePosition) {
    int buckets = count();
    int offset = 0;
    int distance;
    if (bidirectional()) {
      buckets /= 2;
      offset = relativePosition > 0 ? buckets : 0;
      distance = Math.abs(relativePosition);
    } else {
      distance = Math.max(-relativePosition, 0);
    }
    int maxExact = buckets / 2;
    if (distance < maxExact) {
      return offset + distance;
    }
    // float32 throughout, truncated toward zero, as the reference computes it (same buckets at the
    // exact powers where a double computation could round the other way)
    float logRatio = (float) Math.log(distance / (float) maxExact);
    float logRange = (float) Math.log(maxDistance() / (double) maxExact);
    int large = maxExact + (int) (logRatio / logRange * (buckets - maxExact));
    return offset + Math.min(large, buckets - 1);
  }

  /** Buckets of every (query, key) pair, row-major {@code [queryLength * keyLength]}. */
  public int[] table(int queryLength, int keyLength) {
    int[] table = new int[queryLength * keyLength];
    for (int q = 0; q < queryLength; q++) {
      for (int k = 0; k < keyLength; k++) {
        table[q * keyLength + k] = bucket(k - q);
      }
    }
    return table;
  }

  /** Checks that a bucket layout is usable in both directions; the message names what failed. */
  public static void validate(int count, int maxDistance) {
    if (count < 4 || count % 2 != 0) {
      throw new IllegalArgumentException(
          "relative attention needs an even number of buckets >= 4 (half per direction, half of those exact), got " + count);
    }
    if (maxDistance <= count / 2) {
      throw new IllegalArgumentException("relative attention max distance " + maxDistance
          + " must exceed the " + count / 2 + " exactly-bucketed distances of causal attention");
    }
  }

  /** T5's layout; {@code bidirectional} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The layout by name. */
  public static final class Builder extends ImmutableRelativePositionBuckets.Builder {
    Builder() {}
  }
}

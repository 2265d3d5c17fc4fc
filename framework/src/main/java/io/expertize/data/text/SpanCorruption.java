package io.expertize.data.text;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * T5's span-corruption objective (Raffel et al. 2020, {@code random_spans_noise_mask} with
 * {@code noise_span_to_unique_sentinel}): a random set of spans is cut out of the input, each
 * replaced by one sentinel, and the target lists each sentinel followed by the span it stands for.
 *
 * <p>The counts are T5's exactly: {@code round(length * density)} noise tokens (at least 1, at most
 * length - 1), {@code round(noise / meanSpanLength)} noise spans (at least 1), computed in float32
 * and rounded half to even as TF does. Noise and non-noise tokens are each split into that many
 * non-empty spans uniformly at random, and spans alternate starting with non-noise, so a sequence
 * always ends in noise. Sentinels count down from the top of the vocabulary.
 */
public final class SpanCorruption {
  /** Inputs (non-noise spans with sentinels) and targets (sentinels with noise spans), each ending in eos. */
  public record Example(int[] inputs, int[] targets) {}

  /** How many tokens and spans of a sequence are noise. */
  public record Counts(int noiseTokens, int noiseSpans) {}

  private final double noiseDensity;
  private final double meanNoiseSpanLength;
  private final int vocabSize;
  private final int sentinels;

  /**
   * @param vocabSize the first sentinel is {@code vocabSize - 1}
   * @param sentinels how many ids below the top are sentinels (ByT5: 125): the most spans one sequence may have
   */
  public SpanCorruption(double noiseDensity, double meanNoiseSpanLength, int vocabSize, int sentinels) {
    if (!(noiseDensity > 0 && noiseDensity < 1)) {
      throw new IllegalArgumentException("noise density must be in (0, 1), got " + noiseDensity);
    }
    if (!(meanNoiseSpanLength >= 1)) {
      throw new IllegalArgumentException("mean noise span length must be at least 1, got " + meanNoiseSpanLength);
    }
    if (sentinels < 1 || sentinels >= vocabSize) {
      throw new IllegalArgumentException(sentinels + " sentinels do not fit a vocabulary of " + vocabSize);
    }
    this.noiseDensity = noiseDensity;
    this.meanNoiseSpanLength = meanNoiseSpanLength;
    this.vocabSize = vocabSize;
    this.sentinels = sentinels;
  }

  /** T5's defaults on the byte vocabulary: density 0.15, mean span 3. */
  public static SpanCorruption byt5() {
    return new SpanCorruption(0.15, 3.0, ByteVocabulary.SIZE, ByteVocabulary.SENTINELS);
  }

  /** The counts for a sequence of {@code length} >= 2 tokens (a shorter one has no noise). */
  public Counts counts(int length) {
    int noise = (int) Math.rint((float) length * (float) noiseDensity);
    noise = Math.min(Math.max(noise, 1), length - 1);
    int spans = Math.max((int) Math.rint((float) noise / (float) meanNoiseSpanLength), 1);
    return new Counts(noise, spans);
  }

  /** Which of {@code length} tokens are noise. */
  public boolean[] noiseMask(int length, SplittableRandom random) {
    if (length < 2) { // T5 pads to 2 ([keep, noise]) and truncates: a single token stays
      return new boolean[length];
    }
    Counts c = counts(length);
    int nonNoise = length - c.noiseTokens();
    if (c.noiseSpans() > nonNoise) {
      throw new IllegalArgumentException(length + " tokens at noise density " + noiseDensity + " give "
          + c.noiseSpans() + " noise spans but only " + nonNoise + " other tokens to separate them");
    }
    int[] noiseSpans = randomSegmentation(c.noiseTokens(), c.noiseSpans(), random);
    int[] keptSpans = randomSegmentation(nonNoise, c.noiseSpans(), random);
    boolean[] mask = new boolean[length];
    int at = 0;
    for (int s = 0; s < c.noiseSpans(); s++) {
      at += keptSpans[s];
      Arrays.fill(mask, at, at + noiseSpans[s], true);
      at += noiseSpans[s];
    }
    return mask;
  }

  /** Corrupts {@code tokens} (no eos) with a mask drawn from {@code random}. */
  public Example corrupt(int[] tokens, SplittableRandom random) {
    boolean[] noise = noiseMask(tokens.length, random);
    boolean[] kept = new boolean[noise.length];
    for (int i = 0; i < noise.length; i++) {
      kept[i] = !noise[i];
    }
    return new Example(replaceSpans(tokens, noise), replaceSpans(tokens, kept));
  }

  /** The original tokens of an example: each input sentinel replaced by its span from the targets. */
  public int[] restore(Example e) {
    int[] out = new int[e.inputs().length + e.targets().length];
    int n = 0;
    for (int id : e.inputs()) {
      if (id == ByteVocabulary.EOS) {
        break;
      }
      if (!isSentinel(id)) {
        out[n++] = id;
        continue;
      }
      int t = indexOf(e.targets(), id) + 1;
      while (t < e.targets().length && !isSentinel(e.targets()[t]) && e.targets()[t] != ByteVocabulary.EOS) {
        out[n++] = e.targets()[t++];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The raw length that corrupts into at most {@code inputsLength} input tokens (eos included) and
   * the targets' length then (T5's {@code random_spans_helper}; 568 and 114 for 512 inputs).
   */
  public int[] rawAndTargetsLength(int inputsLength) {
    int raw = inputsLength - 1;
    while (lengthsAfter(raw + 1)[0] <= inputsLength) {
      raw++;
    }
    return new int[] {raw, lengthsAfter(raw)[1]};
  }

  public boolean isSentinel(int id) {
    return id >= vocabSize - sentinels && id < vocabSize;
  }

  /** {inputs, targets} lengths with eos, in double precision like the Python helper. */
  private int[] lengthsAfter(int raw) {
    int noise = (int) Math.rint(raw * noiseDensity);
    int spans = (int) Math.rint(noise / meanNoiseSpanLength);
    return new int[] {raw - noise + spans + 1, noise + spans + 1};
  }

  /** Each run of {@code replaced} tokens becomes one sentinel (counting down from the top), then eos. */
  private int[] replaceSpans(int[] tokens, boolean[] replaced) {
    int[] out = new int[tokens.length + 1];
    int n = 0;
    int sentinel = vocabSize;
    for (int i = 0; i < tokens.length; i++) {
      if (!replaced[i]) {
        out[n++] = tokens[i];
      } else if (i == 0 || !replaced[i - 1]) {
        if (--sentinel < vocabSize - sentinels) {
          throw new IllegalArgumentException("a sequence of " + tokens.length + " tokens has more spans than the "
              + sentinels + " sentinels: use shorter sequences");
        }
        out[n++] = sentinel;
      }
    }
    out[n++] = ByteVocabulary.EOS;
    return Arrays.copyOf(out, n);
  }

  /** {@code items} split into {@code segments} non-empty runs, every split equally likely. */
  private static int[] randomSegmentation(int items, int segments, SplittableRandom random) {
    // choose segments - 1 of the items - 1 gaps as segment starts (a partial Fisher-Yates shuffle)
    int[] gaps = new int[items - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = i + 1;
    }
    for (int i = 0; i < segments - 1; i++) {
      int j = i + random.nextInt(gaps.length - i);
      int tmp = gaps[i];
      gaps[i] = gaps[j];
      gaps[j] = tmp;
    }
    int[] starts = Arrays.copyOf(gaps, segments - 1);
    Arrays.sort(starts);
    int[] lengths = new int[segments];
    int previous = 0;
    for (int s = 0; s < segments - 1; s++) {
      lengths[s] = starts[s] - previous;
      previous = starts[s];
    }
    lengths[segments - 1] = items - previous;
    return lengths;
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("sentinel " + value + " is not in the targets");
  }
}

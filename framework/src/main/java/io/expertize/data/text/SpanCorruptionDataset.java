package io.expertize.data.text;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Span-corruption examples from plain text, as T5 pretrains: the documents' bytes are concatenated
 * (a newline between documents), cut into segments that corrupt into at most {@code inputsLength}
 * input tokens, and each segment is corrupted with a mask drawn from {@code (seed, index)}, so any
 * example can be recomputed from its index alone. Inputs and targets are padded to fixed lengths.
 */
public final class SpanCorruptionDataset {
  private final int[] tokens;
  private final SpanCorruption corruption;
  private final int inputsLength;
  private final int targetsLength;
  private final int segmentLength;
  private final long seed;

  public SpanCorruptionDataset(List<String> documents, SpanCorruption corruption, int inputsLength, long seed) {
    this.tokens = ByteVocabulary.encode(String.join("\n", documents));
    this.corruption = corruption;
    int[] lengths = corruption.rawAndTargetsLength(inputsLength);
    this.segmentLength = lengths[0];
    this.targetsLength = lengths[1];
    this.inputsLength = inputsLength;
    this.seed = seed;
    if (tokens.length < segmentLength) {
      throw new IllegalArgumentException("the text has " + tokens.length + " bytes, fewer than one segment of "
          + segmentLength + " (for " + inputsLength + " input tokens)");
    }
  }

  /** Whole segments only: the tail shorter than a segment is dropped. */
  public int size() {
    return tokens.length / segmentLength;
  }

  public int inputsLength() {
    return inputsLength;
  }

  public int targetsLength() {
    return targetsLength;
  }

  /** Example {@code index}, unpadded. */
  public SpanCorruption.Example example(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("example " + index + " of " + size());
    }
    int[] segment = Arrays.copyOfRange(tokens, index * segmentLength, (index + 1) * segmentLength);
    return corruption.corrupt(segment, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index));
  }

  /** Example {@code index} padded with {@link ByteVocabulary#PAD}: {@code {inputs, targets}}. */
  public int[][] padded(int index) {
    SpanCorruption.Example e = example(index);
    if (e.inputs().length > inputsLength || e.targets().length > targetsLength) {
      throw new IllegalStateException("example " + index + " corrupts into " + e.inputs().length + " / "
          + e.targets().length + " tokens, more than " + inputsLength + " / " + targetsLength);
    }
    return new int[][] {Arrays.copyOf(e.inputs(), inputsLength), Arrays.copyOf(e.targets(), targetsLength)};
  }
}

package io.expertize.data.text;

/**
 * Span-corruption examples ready to feed: {@code inputs} {@code [size, inputsLength]} and
 * {@code targets} {@code [size, targetsLength]}, row-major token ids padded with {@link ByteVocabulary#PAD}.
 */
public record TextBatch(int size, int inputsLength, int targetsLength, int[] inputs, int[] targets) {}

package io.expertize.train.io;

/**
 * One scalar read back from a TensorBoard event file.
 *
 * @param tag the summary tag, e.g. {@code loss}
 * @param step the global step it was written at
 * @param value the value as stored (TensorBoard keeps scalars as float32)
 * @param wallTime seconds since the epoch when it was written
 */
public record ScalarEvent(String tag, long step, float value, double wallTime) {}

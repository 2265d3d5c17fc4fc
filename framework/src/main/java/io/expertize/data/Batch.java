package io.expertize.data;

/**
 * One batch ready to feed: normalised images {@code [size, H, W, C]} (NHWC), soft targets
 * {@code [size, numClasses]} (label smoothing, Mixup and CutMix already applied) and the hard
 * labels {@code [size]} (the un-mixed class of each example, for accuracy).
 *
 * <p>The arrays are exposed without copying for speed and are mutable: augmentations work on them
 * in place. A batch handed back to {@link BatchPipeline#recycle} is overwritten later.
 */
public final class Batch {
  private final int size;
  private final ImageShape shape;
  private final int numClasses;
  private final float[] images;
  private final float[] targets;
  private final int[] labels;
  private long step = -1;

  public Batch(int size, ImageShape shape, int numClasses) {
    if (size < 1 || numClasses < 1) {
      throw new IllegalArgumentException(
          "batch size and numClasses must be >= 1, got " + size + " and " + numClasses);
    }
    this.size = size;
    this.shape = shape;
    this.numClasses = numClasses;
    this.images = new float[size * shape.size()];
    this.targets = new float[size * numClasses];
    this.labels = new int[size];
  }

  public int size() {
    return size;
  }

  public ImageShape shape() {
    return shape;
  }

  public int numClasses() {
    return numClasses;
  }

  /** NHWC, {@code size * shape().size()} values. */
  public float[] images() {
    return images;
  }

  /** Row-major {@code [size, numClasses]}; each row sums to 1. */
  public float[] targets() {
    return targets;
  }

  public int[] labels() {
    return labels;
  }

  /** Offset of example {@code i}'s image in {@link #images()}. */
  public int imageOffset(int i) {
    return i * shape.size();
  }

  /** The global step (training) or batch index (evaluation) this batch was made for. */
  public long step() {
    return step;
  }

  void setStep(long step) {
    this.step = step;
  }

  /** True when this batch's arrays have the given layout and can be refilled. */
  public boolean fits(int size, ImageShape shape, int numClasses) {
    return this.size == size && this.shape.equals(shape) && this.numClasses == numClasses;
  }
}

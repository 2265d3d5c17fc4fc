package io.expertize.train;

/**
 * One evaluation batch reduced to sums, added up over a split: {@code count} scored units (images,
 * target tokens), how many of them the model's top-1 got right, and their summed loss.
 */
public record EvalCounts(long correct, double lossSum, long count) {
  public static final EvalCounts NONE = new EvalCounts(0, 0, 0);

  public EvalCounts plus(EvalCounts other) {
    return new EvalCounts(correct + other.correct, lossSum + other.lossSum, count + other.count);
  }
}

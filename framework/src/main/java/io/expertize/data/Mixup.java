package io.expertize.data;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Mixup and CutMix as timm's {@code Mixup} in its default per-batch mode. With probability
 * {@code mixProb} the batch is mixed with itself in reversed order (example {@code i} with
 * {@code size-1-i}):
 *
 * <ul>
 *   <li>if both alphas are positive, CutMix is chosen with probability {@code switchProb}, else
 *       Mixup; if only one is positive, that one;
 *   <li>{@code lambda ~ Beta(alpha, alpha)} of the chosen method (commons-math3's sampler);
 *   <li>Mixup: {@code x = lambda * x + (1 - lambda) * reversed(x)};
 *   <li>CutMix: a box of side {@code sqrt(1 - lambda)} of the image, centred uniformly and
 *       clipped at the borders, is pasted from the partner; lambda is then corrected to
 *       {@code 1 - boxArea / imageArea}, the fraction actually kept;
 *   <li>the soft targets (already label-smoothed) are mixed with the same lambda.
 * </ul>
 */
public final class Mixup implements Augmentation {
  private final double mixupAlpha;
  private final double cutmixAlpha;
  private final double mixProb;
  private final double switchProb;

  /**
   * What was drawn for one batch.
   *
   * @param lambda weight of the original example; 1 means the batch is untouched
   * @param cutmix true for CutMix, false for Mixup
   * @param top first row of the CutMix box (inclusive); the box is empty for Mixup
   * @param bottom end row of the box (exclusive)
   * @param left first column of the box (inclusive)
   * @param right end column of the box (exclusive)
   */
  public record Params(double lambda, boolean cutmix, int top, int bottom, int left, int right) {
    static final Params NONE = new Params(1.0, false, 0, 0, 0, 0);

    /** Pixels in the CutMix box. */
    public int boxArea() {
      return (bottom - top) * (right - left);
    }
  }

  public Mixup(double mixupAlpha, double cutmixAlpha, double mixProb, double switchProb) {
    check("mixupAlpha", mixupAlpha, 0, Double.MAX_VALUE);
    check("cutmixAlpha", cutmixAlpha, 0, Double.MAX_VALUE);
    check("mixProb", mixProb, 0, 1);
    check("switchProb", switchProb, 0, 1);
    this.mixupAlpha = mixupAlpha;
    this.cutmixAlpha = cutmixAlpha;
    this.mixProb = mixProb;
    this.switchProb = switchProb;
  }

  private static void check(String field, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], got " + value);
    }
  }

  @Override
  public String name() {
    return "mixup-cutmix";
  }

  @Override
  public void apply(Batch batch, SplittableRandom random) {
    apply(batch, sample(batch.shape(), random));
  }

  /** Draws this batch's choice (timm's {@code _params_per_batch} plus the CutMix box). */
  public Params sample(ImageShape shape, SplittableRandom random) {
    boolean enabled = mixupAlpha > 0 || cutmixAlpha > 0;
    if (!enabled || !(random.nextDouble() < mixProb)) {
      return Params.NONE;
    }
    boolean cutmix;
    if (mixupAlpha > 0 && cutmixAlpha > 0) {
      cutmix = random.nextDouble() < switchProb;
    } else {
      cutmix = cutmixAlpha > 0;
    }
    double alpha = cutmix ? cutmixAlpha : mixupAlpha;
    // commons-math3 wants its own generator; seed it from our stream to stay deterministic.
    RandomGenerator generator = new Well19937c(random.nextLong());
    double lambda = new BetaDistribution(generator, alpha, alpha).sample();
    if (!cutmix) {
      return new Params(lambda, false, 0, 0, 0, 0);
    }
    return cutmixBox(shape, lambda, random);
  }

  /** timm's {@code rand_bbox} + {@code correct_lam}. */
  static Params cutmixBox(ImageShape shape, double lambda, SplittableRandom random) {
    int h = shape.height();
    int w = shape.width();
    double ratio = Math.sqrt(1 - lambda);
    int cutH = (int) (h * ratio);
    int cutW = (int) (w * ratio);
    int cy = random.nextInt(h);
    int cx = random.nextInt(w);
    int top = clamp(cy - cutH / 2, h);
    int bottom = clamp(cy + cutH / 2, h);
    int left = clamp(cx - cutW / 2, w);
    int right = clamp(cx + cutW / 2, w);
    double corrected = 1.0 - (double) (bottom - top) * (right - left) / ((double) h * w);
    return new Params(corrected, true, top, bottom, left, right);
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  /** Mixes images and targets of {@code batch} with its reversed order, in place. */
  public static void apply(Batch batch, Params params) {
    if (params.lambda() >= 1.0) {
      return;
    }
    float lam = (float) params.lambda();
    int n = batch.size();
    // Pairs (i, j = n-1-i) are updated together so no example reads an already mixed partner;
    // an odd middle example is mixed with itself, i.e. unchanged.
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      if (params.cutmix()) {
        swapBox(batch, i, j, params);
      } else {
        mixPair(batch.images(), batch.imageOffset(i), batch.imageOffset(j), batch.shape().size(), lam);
      }
      mixPair(batch.targets(), i * batch.numClasses(), j * batch.numClasses(), batch.numClasses(), lam);
    }
  }

  private static void mixPair(float[] a, int i, int j, int length, float lam) {
    float rest = 1f - lam;
    for (int k = 0; k < length; k++) {
      float x = a[i + k];
      float y = a[j + k];
      a[i + k] = lam * x + rest * y;
      a[j + k] = lam * y + rest * x;
    }
  }

  private static void swapBox(Batch batch, int i, int j, Params p) {
    float[] images = batch.images();
    int w = batch.shape().width();
    int c = batch.shape().channels();
    int oi = batch.imageOffset(i);
    int oj = batch.imageOffset(j);
    for (int y = p.top(); y < p.bottom(); y++) {
      int start = (y * w + p.left()) * c;
      int end = (y * w + p.right()) * c;
      for (int k = start; k < end; k++) {
        float t = images[oi + k];
        images[oi + k] = images[oj + k];
        images[oj + k] = t;
      }
    }
  }
}

package io.expertize.experiments.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forward-pass FLOPs of one image, by term ({@code patch_embed}, {@code qkv}, {@code attn_scores},
 * ...). Convention: only matrix products are counted, a multiply-add is 2 FLOPs (so an
 * {@code [m,k]x[k,n]} product is {@code 2mkn}); element-wise ops, norms, softmax and the optimizer
 * are left out. A training step is taken as 3x the forward pass (backward = gradients with respect to
 * activations and to weights, each as costly as the forward).
 */
public record FlopCount(long tokens, Map<String, Long> perImageByTerm) {
  /** Training step FLOPs / forward FLOPs under the convention above. */
  public static final int TRAINING_FACTOR = 3;

  public FlopCount {
    perImageByTerm = Collections.unmodifiableMap(new LinkedHashMap<>(perImageByTerm));
  }

  /** Forward FLOPs of one image. */
  public long forwardPerImage() {
    return perImageByTerm.values().stream().mapToLong(Long::longValue).sum();
  }

  public double forward(int batch) {
    return (double) forwardPerImage() * batch;
  }

  public double training(int batch) {
    return TRAINING_FACTOR * forward(batch);
  }
}

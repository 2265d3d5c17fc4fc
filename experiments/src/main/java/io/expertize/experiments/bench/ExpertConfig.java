package io.expertize.experiments.bench;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of {@code expertize bench experts}: a scheme and its number of experts, applied
 * to every {@code @Expertize} field of the model (the model's other {@code @FusionScheme} settings
 * stay: top-k keeps k = 1 and capacity 1.05 unless the model says otherwise). Dense has one "expert".
 */
public record ExpertConfig(Scheme scheme, int experts) {
  public static final ExpertConfig DENSE = new ExpertConfig(Scheme.DENSE, 1);

  public ExpertConfig {
    if (scheme == Scheme.DENSE ? experts != 1 : experts < 2) {
      throw new IllegalArgumentException(scheme == Scheme.DENSE
          ? "dense has exactly one expert, got " + experts
          : scheme.key() + " needs at least 2 experts, got " + experts);
    }
  }

  /** Dense first, then every scheme (in the given order) at every number of experts. */
  public static List<ExpertConfig> grid(List<Scheme> schemes, List<Integer> experts) {
    List<ExpertConfig> out = new ArrayList<>();
    out.add(DENSE);
    for (int n : experts) {
      for (Scheme s : schemes) {
        if (s != Scheme.DENSE) {
          out.add(new ExpertConfig(s, n));
        }
      }
    }
    return out;
  }

  public boolean dense() {
    return scheme == Scheme.DENSE;
  }

  /** {@code dense}, {@code mb-16}. */
  public String label() {
    return dense() ? "dense" : scheme.key() + "-" + experts;
  }

  /** Parses {@link #label()}. */
  public static ExpertConfig parse(String label) {
    if (label.equals("dense")) {
      return DENSE;
    }
    int dash = label.lastIndexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("expected <scheme>-<experts> or dense, got '" + label + "'");
    }
    return new ExpertConfig(Scheme.fromKey(label.substring(0, dash)), Integer.parseInt(label.substring(dash + 1)));
  }

  /** The expert plan of {@code model} in this configuration. */
  public ExpertPlan plan(ImageClassifier model) {
    return dense() ? ExpertPlan.dense()
        : ExpertBuilders.build(ModuleTree.of(model), FusionOverrides.of(scheme, experts));
  }
}

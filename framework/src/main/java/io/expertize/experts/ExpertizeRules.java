package io.expertize.experts;

import java.util.List;

/**
 * The wording of the {@code @Expertize} rules that both the run-time builder and the annotation
 * processor enforce, so a mistake reads the same whether javac or the trainer finds it. Pure: no
 * reflection, no TensorFlow (the processor loads this class inside javac).
 */
public final class ExpertizeRules {
  private ExpertizeRules() {}

  /**
   * {@code @Expertize} on a field that is not a feed-forward layer.
   *
   * @param field the field's qualified name ({@code com.acme.Block.attn})
   * @param held what it holds, with its article ({@code an Attention}, {@code a List of Linear})
   * @param feedForwardFields the names of the feed-forward fields of the same class, in declaration order
   */
  public static String notFeedForward(String field, String held, List<String> feedForwardFields) {
    String name = field.substring(field.lastIndexOf('.') + 1);
    return "@Expertize on " + field + ": needs a FeedForwardNetwork field (or a List of them); '" + name + "' is "
        + held + "." + suggestion(name, feedForwardFields);
  }

  /** {@code noun} with "a" or "an". */
  public static String withArticle(String noun) {
    return ("AEIOU".indexOf(Character.toUpperCase(noun.isEmpty() ? 'x' : noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  /** Why {@code experts} (below 1) cannot be built; {@code where} names the annotation or key and the field. */
  public static String tooFewExperts(String where) {
    return where + ": must be at least 1 (1 keeps the FFN dense; published default 4)";
  }

  /** Top-k with more experts per token than the set has; {@code kSource} and {@code expertsSource} say where each came from. */
  public static String kExceedsExperts(String kSource, int experts, String field, String expertsSource) {
    return kSource + " exceeds the " + experts + " experts of " + field + " (" + expertsSource
        + "): top-k sends each token to k of the experts, so k must be at most " + experts;
  }

  /** Whether top-k's {@code k} is more than a set of {@code experts} can serve (one expert is the dense FFN). */
  public static boolean kExceeds(int k, int experts) {
    return experts > 1 && k > experts;
  }

  /** " Did you mean 'mlp'?" for the feed-forward field nearest to {@code name}, or what can become experts. */
  static String suggestion(String name, List<String> feedForwardFields) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : feedForwardFields) { // ties go to the first declared
      int d = distance(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null
        ? " Only feed-forward layers (FeedForward, GatedFeedForward) can become experts."
        : " Did you mean '" + best + "'?";
  }

  /** Levenshtein distance, ignoring case. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(java.util.Locale.ROOT);
    String y = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[y.length()];
  }
}

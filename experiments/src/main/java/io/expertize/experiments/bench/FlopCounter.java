package io.expertize.experiments.bench;

import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.Attention;
import io.expertize.nn.ClassToken;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchConv;
import io.expertize.nn.PatchEmbed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the forward matrix-product FLOPs of a patch-token classifier (ViT, DeiT) from its module
 * tree and declared shapes, without building a graph (conventions in {@link FlopCount}).
 *
 * <p>Token count: the patches of the {@link PatchEmbed} plus one per {@link ClassToken}. A
 * {@link Linear} owned directly by the classifier (the head) sees one pooled row per image; every
 * other linear sees every token. Each {@link Attention} adds {@code q k^T} and {@code attn v}, each
 * {@code 2 T^2 dim}. Terms are named by the layer's own name ({@code qkv}, {@code fc1}, {@code head}).
 */
public final class FlopCounter {
  private static final List<String> ORDER =
      List.of("patch_embed", "qkv", "attn_scores", "attn_values", "proj", "fc1", "fc2", "head");

  private FlopCounter() {}

  /** {@code rows x in} times {@code in x out}: {@code 2 rows in out}. */
  public static long linear(long rows, long in, long out) {
    return 2 * rows * in * out;
  }

  public static FlopCount forward(ImageClassifier model) {
    ModuleTree tree = ModuleTree.of(model);
    Map<String, Module> modules = tree.modules();
    long patches = 0;
    long classTokens = 0;
    for (Module m : modules.values()) {
      if (m instanceof PatchEmbed p) {
        patches += p.numPatches();
      } else if (m instanceof ClassToken) {
        classTokens++;
      }
    }
    if (patches == 0) {
      throw new IllegalArgumentException(
          model.getClass().getSimpleName() + " has no PatchEmbed: the FLOP counter handles patch-token models");
    }
    long tokens = patches + classTokens;

    Map<String, Long> terms = new LinkedHashMap<>();
    for (Map.Entry<String, Module> e : modules.entrySet()) {
      String path = e.getKey();
      Module m = e.getValue();
      if (m instanceof PatchConv conv) {
        long[] w = conv.ownParams().get(0).dims(); // [out, in, k, k]
        long grid = model.imageSize() / w[2];
        add(terms, "patch_embed", linear(grid * grid, w[1] * w[2] * w[3], w[0]));
      } else if (m instanceof Linear lin) {
        boolean pooled = !path.contains(".");
        add(terms, lastSegment(path), linear(pooled ? 1 : tokens, lin.in(), lin.out()));
      } else if (m instanceof Attention) {
        if (!(modules.get(path + ".qkv") instanceof Linear qkv)) {
          throw new IllegalArgumentException("attention '" + path + "' has no qkv projection to count");
        }
        long dim = qkv.in();
        add(terms, "attn_scores", 2 * tokens * tokens * dim);
        add(terms, "attn_values", 2 * tokens * tokens * dim);
      }
    }
    return new FlopCount(tokens, inReadingOrder(terms));
  }

  /** Module walk order is not kept by the tree; list terms input to output instead. */
  private static Map<String, Long> inReadingOrder(Map<String, Long> terms) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String t : ORDER) {
      if (terms.containsKey(t)) {
        ordered.put(t, terms.get(t));
      }
    }
    new java.util.TreeMap<>(terms).forEach(ordered::putIfAbsent);
    return ordered;
  }

  private static void add(Map<String, Long> terms, String term, long flops) {
    terms.merge(term, flops, Long::sum);
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}

package io.expertize.testing;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import io.expertize.registry.ModelRequest;
import java.util.List;

/**
 * Registers {@link TinyVit} as {@code tiny_vit} for the framework's tests (a service of the test
 * class path only), so code that finds models in the registry, like the memory probe's child JVM,
 * can be tested without the zoo.
 */
public final class TinyVitModels implements ModelProvider {
  @Override
  public List<ModelFactory> models() {
    return List.of(new ModelFactory() {
      @Override
      public String name() {
        return "tiny_vit";
      }

      @Override
      public String description() {
        return "TinyVit for framework tests: 8x8, patch 4, width 16, 2 heads, hidden 4x";
      }

      @Override
      public ImageClassifier create(ModelRequest r) {
        long dim = r.dimOr(16);
        ModelRequest.Images in = r.requireImages("tiny_vit");
        return new TinyVit(in.size(), r.patchSizeOr(4), in.channels(), in.numClasses(), dim, r.depthOr(1),
            r.headsOr(2), Math.round(dim * r.mlpRatioOr(4.0)));
      }

      @Override
      public ImageClassifier reference() {
        return create(ModelRequest.of(8, 3, 5));
      }
    });
  }
}

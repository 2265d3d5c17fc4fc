package io.expertize.zoo.swin;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;
import java.util.List;

/**
 * A named Swin config, created on a dataset's input with the run's {@code model.*} overrides:
 * {@code model.depths} (or {@code model.depth} per stage) may drop trailing stages, {@code model.dim}
 * is the first stage's width, {@code model.heads} the first stage's heads (later stages in the named
 * config's proportions), {@code model.window-size} the window.
 */
record SwinFactory(String name, String description, SwinConfig shape) implements ModelFactory {

  @Override
  public ImageClassifier create(ModelRequest r) {
    ModelRequest.Images in = r.requireImages(name);
    List<Integer> depths = r.depthsOr(shape.depths());
    int n = depths.size();
    if (n > shape.stages()) {
      throw new IllegalArgumentException(
          "model.depths: " + name + " has " + shape.stages() + " stages, the run asks for " + n + " (" + depths + ")");
    }
    return new SwinTransformer(shape.toBuilder().imageSize(in.size()).channels(in.channels())
        .numClasses(in.numClasses()).patchSize(r.patchSizeOr(shape.patchSize())).embedDim(r.dimOr(shape.embedDim()))
        .depths(depths).heads(r.headsOr(shape.heads()).subList(0, n)).windowSize(r.windowSizeOr(shape.windowSize()))
        .mlpRatio(r.mlpRatioOr(shape.mlpRatio())).dropout(r.dropoutOr(shape.dropout()))
        .dropPath(r.dropPathOr(shape.dropPath())).build());
  }

  @Override
  public ImageClassifier reference() {
    return new SwinTransformer(shape);
  }
}

package io.expertize.zoo.pvt;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;
import java.util.Collections;
import java.util.List;

/**
 * A named PVT config, created on a dataset's input with the run's {@code model.*} overrides:
 * {@code model.depths} (or {@code model.depth} per stage) may drop trailing stages, {@code model.dim}
 * and {@code model.heads} set stage 1 and scale the others in proportion. Every stage reduces keys
 * and values to the last stage's grid, which gives the reference's 8, 4, 2, 1 at 224 with patch 4.
 */
record PvtFactory(String name, String description, PvtConfig shape) implements ModelFactory {

  @Override
  public ImageClassifier create(ModelRequest r) {
    r.requireNoWindow(name);
    ModelRequest.Images in = r.requireImages(name);
    List<Integer> depths = r.depthsOr(shape.depths());
    int n = depths.size();
    if (n > shape.stages()) {
      throw new IllegalArgumentException(
          "model.depths: " + name + " has " + shape.stages() + " stages, the run asks for " + n + " (" + depths + ")");
    }
    int patch = r.patchSizeOr(shape.patchSize());
    List<Double> mlpRatios = r.mlpRatio().isPresent() ? Collections.nCopies(n, r.mlpRatio().getAsDouble())
        : shape.mlpRatios().subList(0, n);
    return new PyramidVisionTransformer(shape.toBuilder().imageSize(in.size()).patchSize(patch)
        .channels(in.channels()).numClasses(in.numClasses()).dims(r.dimsOr(shape.dims()).subList(0, n))
        .heads(r.headsOr(shape.heads()).subList(0, n)).mlpRatios(mlpRatios)
        .srRatios(PvtConfig.reductionToLastStage(in.size(), patch, n)).depths(depths)
        .dropout(r.dropoutOr(shape.dropout())).dropPath(r.dropPathOr(shape.dropPath())).build());
  }

  @Override
  public ImageClassifier reference() {
    return new PyramidVisionTransformer(shape);
  }
}

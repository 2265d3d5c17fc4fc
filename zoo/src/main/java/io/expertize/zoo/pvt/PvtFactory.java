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
    List<Integer> depths = r.depthsOr(shape.depths());
    int n = depths.size();
    if (n > shape.stages()) {
      throw new IllegalArgumentException(
          "model.depths: " + name + " has " + shape.stages() + " stages, the run asks for " + n + " (" + depths + ")");
    }
    int patch = r.patchSizeOr(shape.patchSize());
    List<Double> mlpRatios = r.mlpRatio() > 0 ? Collections.nCopies(n, r.mlpRatio()) : shape.mlpRatios().subList(0, n);
    return new PyramidVisionTransformer(new PvtConfig(r.imageSize(), patch, r.channels(), r.numClasses(),
        r.dimsOr(shape.dims()).subList(0, n), r.headsOr(shape.heads()).subList(0, n), mlpRatios,
        PvtConfig.reductionToLastStage(r.imageSize(), patch, n), depths, shape.qkvBias(),
        r.dropoutOr(shape.dropout()), r.dropPathOr(shape.dropPath())));
  }

  @Override
  public ImageClassifier reference() {
    return new PyramidVisionTransformer(shape);
  }
}

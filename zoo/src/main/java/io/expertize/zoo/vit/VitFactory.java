package io.expertize.zoo.vit;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;
import java.util.function.Function;

/**
 * A named ViT config and the class that builds it ({@link VisionTransformer} or a subclass such as
 * DeiT's). Created on a dataset's input (image size, channels, classes), with the {@code model.*}
 * overrides of the run applied on top of the named shape.
 */
public record VitFactory(String name, String description, VitConfig shape, Function<VitConfig, ? extends VisionTransformer> model)
    implements ModelFactory {

  public VitFactory(String name, String description, VitConfig shape) {
    this(name, description, shape, VisionTransformer::new);
  }

  @Override
  public ImageClassifier create(ModelRequest r) {
    r.requireSingleStage(name);
    // one construction, so validation sees the final combination (not 28x28 with patch 16 on the way)
    VitConfig c = new VitConfig(r.imageSize(), r.patchSizeOr(shape.patchSize()), r.channels(), r.numClasses(),
        r.dimOr(shape.dim()), r.depthOr(shape.depth()), r.headsOr(shape.heads()), r.mlpRatioOr(shape.mlpRatio()),
        shape.qkvBias(), r.dropoutOr(shape.dropout()), r.dropPathOr(shape.dropPath()), shape.layerNormEps(),
        shape.pooling());
    return model.apply(c);
  }

  @Override
  public ImageClassifier reference() {
    return model.apply(shape);
  }
}

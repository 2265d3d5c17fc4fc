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
    ModelRequest.Images in = r.requireImages(name);
    // one construction, so validation sees the final combination (not 28x28 with patch 16 on the way)
    VitConfig c = shape.toBuilder().imageSize(in.size()).channels(in.channels()).numClasses(in.numClasses())
        .patchSize(r.patchSizeOr(shape.patchSize())).dim(r.dimOr(shape.dim())).depth(r.depthOr(shape.depth()))
        .heads(r.headsOr(shape.heads())).mlpRatio(r.mlpRatioOr(shape.mlpRatio())).dropout(r.dropoutOr(shape.dropout()))
        .dropPath(r.dropPathOr(shape.dropPath())).build();
    return model.apply(c);
  }

  @Override
  public ImageClassifier reference() {
    return model.apply(shape);
  }
}

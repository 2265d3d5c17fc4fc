package io.expertize.zoo.vit;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;

/**
 * A named ViT config. Created on a dataset's input (image size, channels, classes), with the
 * {@code model.*} overrides of the run applied on top of the named shape.
 */
record VitFactory(String name, String description, VitConfig shape) implements ModelFactory {

  @Override
  public ImageClassifier create(ModelRequest r) {
    VitConfig c = shape
        .withInput(r.imageSize(), r.channels(), r.numClasses())
        .withShape(r.patchSizeOr(shape.patchSize()), r.dimOr(shape.dim()), r.depthOr(shape.depth()),
            r.headsOr(shape.heads()), r.mlpRatioOr(shape.mlpRatio()))
        .withRegularisation(r.dropoutOr(shape.dropout()), r.dropPathOr(shape.dropPath()));
    return new VisionTransformer(c);
  }

  @Override
  public ImageClassifier reference() {
    return new VisionTransformer(shape);
  }
}

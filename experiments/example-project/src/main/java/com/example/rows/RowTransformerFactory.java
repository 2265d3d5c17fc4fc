package com.example.rows;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;

/**
 * {@code model=row_transformer}: a {@link RowTransformer} on the dataset's images and classes; of the run's
 * {@code model.*} overrides it reads {@code model.dim} (token width) and {@code model.depth} (blocks).
 */
public final class RowTransformerFactory implements ModelFactory {
  private static final RowTransformerConfig OWN = RowTransformerConfig.FASHION_MNIST;

  @Override
  public String name() {
    return "row_transformer";
  }

  @Override
  public String description() {
    return "Transformer over image rows (a token per row), " + OWN.blocks() + " blocks of width " + OWN.width()
        + " (experiments/example-project)";
  }

  @Override
  public ImageClassifier create(ModelRequest request) {
    ModelRequest.Images in = request.requireImages(name());
    return new RowTransformer(new RowTransformerConfig(in.size(), in.channels(), in.numClasses(),
        request.dimOr(OWN.width()), request.depthOr(OWN.blocks())));
  }

  /** On Fashion-MNIST's images. */
  @Override
  public ImageClassifier reference() {
    return new RowTransformer(OWN);
  }
}

package io.expertize.registry;

import io.expertize.nn.ImageClassifier;

/** A named model configuration ({@code vit_small_patch16_224}) that builds its module tree. */
public interface ModelFactory {
  String name();

  /** One line for {@code expertize models}. */
  String description();

  /** The model on the requested input with the requested overrides; modules only, no graph. */
  ImageClassifier create(ModelRequest request);

  /** The model at its reference settings (e.g. 224x224, 3 channels, 1000 classes). */
  ImageClassifier reference();
}

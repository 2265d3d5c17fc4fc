package io.expertize.registry;

import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;

/**
 * A named model configuration ({@code vit_small_patch16_224}, {@code t5_small}) that builds its
 * module tree: an image classifier, a text-to-text model, or any other module a task can train.
 */
public interface ModelFactory {
  String name();

  /** One line for {@code expertize models}. */
  String description();

  /** The model on the requested input with the requested overrides; modules only, no graph. */
  Module create(ModelRequest request);

  /** The model at its reference settings (e.g. 224x224, 3 channels, 1000 classes). */
  Module reference();

  /**
   * {@link #create} where an image classifier is needed (image data, the benchmarks).
   *
   * @throws IllegalArgumentException naming the model when it is another kind
   */
  default ImageClassifier createImageClassifier(ModelRequest request) {
    Module model = create(request);
    if (model instanceof ImageClassifier classifier) {
      return classifier;
    }
    throw new IllegalArgumentException("'" + name() + "' (" + description() + ") is not an image classifier");
  }
}

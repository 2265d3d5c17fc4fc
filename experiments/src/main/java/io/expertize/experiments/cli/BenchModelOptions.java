package io.expertize.experiments.cli;

import io.expertize.registry.ModelRequest;
import picocli.CommandLine.Option;

/**
 * The model a bench command builds: a registered name, its input, and the sizes it overrides; a
 * size left unset keeps the model's own. Each command gives its own defaults through the constructor
 * (picocli shows a field's initial value as its default).
 */
final class BenchModelOptions {
  @Option(names = "--model", description = "Registered model (`expertize models`). Default: ${DEFAULT-VALUE}.")
  String name;

  @Option(names = "--image-size", description = "Input image size. Default: ${DEFAULT-VALUE}.")
  int imageSize;

  @Option(names = "--channels", description = "Input channels. Default: ${DEFAULT-VALUE}.")
  int channels = 3;

  @Option(names = "--classes", description = "Classes. Default: ${DEFAULT-VALUE}.")
  int classes = 10;

  @Option(names = "--patch", description = "Patch size. Default: ${DEFAULT-VALUE}.")
  int patch;

  @Option(names = "--depth", description = "Number of blocks; unset keeps the model's own (bench experts: 1 unless set).")
  Integer depth;

  @Option(names = "--dim", description = "Width. Default: the model's own.")
  Integer dim;

  @Option(names = "--heads", description = "Attention heads. Default: the model's own.")
  Integer heads;

  /** {@code depth} null: the model's own. */
  BenchModelOptions(String model, int imageSize, int patch, Integer depth) {
    this.name = model;
    this.imageSize = imageSize;
    this.patch = patch;
    this.depth = depth;
  }

  /** @throws IllegalArgumentException naming the size that is out of range */
  ModelRequest request() {
    ModelRequest.Builder request = ModelRequest.builder().images(imageSize, channels, classes).patchSize(patch);
    if (depth != null) {
      request.depth(depth);
    }
    if (dim != null) {
      request.dim(dim);
    }
    if (heads != null) {
      request.heads(heads);
    }
    return request.build();
  }
}

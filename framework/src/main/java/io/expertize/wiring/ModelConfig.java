package io.expertize.wiring;

import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.registry.ModelRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The {@code model.*} overrides read into a {@link ModelRequest}. The keys write "the named config's own"
 * as 0 (or -1 for rates, empty for {@code model.depths}), since a file needs a value; the request leaves
 * those unset.
 */
final class ModelConfig {
  private ModelConfig() {}

  /** The request for the dataset's images ({@code images}: none for text). */
  static ModelRequest request(ExpertizeConfig c, Optional<DatasetInfo> images) {
    ModelRequest.Builder b = ModelRequest.builder();
    images.ifPresent(info -> b.images(info.shape().height(), info.shape().channels(), info.numClasses()));
    positive(c.get(Keys.MODEL_PATCH_SIZE), b::patchSize);
    positive(c.get(Keys.MODEL_DIM), b::dim);
    positive(c.get(Keys.MODEL_DEPTH), b::depth);
    positive(c.get(Keys.MODEL_HEADS), b::heads);
    positive(c.get(Keys.MODEL_WINDOW_SIZE), b::windowSize);
    double mlpRatio = c.get(Keys.MODEL_MLP_RATIO);
    if (mlpRatio > 0) {
      b.mlpRatio(mlpRatio);
    }
    double dropout = c.get(Keys.MODEL_DROPOUT);
    if (dropout >= 0) {
      b.dropout(dropout);
    }
    double dropPath = c.get(Keys.MODEL_DROP_PATH);
    if (dropPath >= 0) {
      b.dropPath(dropPath);
    }
    List<Integer> depths = ModelRequest.parseDepths(c.get(Keys.MODEL_DEPTHS));
    if (!depths.isEmpty()) {
      b.depths(depths);
    }
    return b.build();
  }

  private static void positive(int value, IntConsumer set) {
    if (value > 0) {
      set.accept(value);
    }
  }
}

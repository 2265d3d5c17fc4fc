package io.expertize.wiring;

import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.registry.ModelRequest;
import java.util.List;
import java.util.Optional;

/**
 * The {@code model.*} overrides read into a {@link ModelRequest}. The keys write "the named config's own"
 * as {@value Keys#FROM_MODEL} (empty for {@code model.depths}); the request leaves those unset.
 */
final class ModelConfig {
  private ModelConfig() {}

  /** The request for the dataset's images ({@code images}: none for text). */
  static ModelRequest request(ExpertizeConfig c, Optional<DatasetInfo> images) {
    ModelRequest.Builder b = ModelRequest.builder();
    images.ifPresent(info -> b.images(info.shape().height(), info.shape().channels(), info.numClasses()));
    c.get(Keys.MODEL_PATCH_SIZE).ifPresent(b::patchSize);
    c.get(Keys.MODEL_DIM).ifPresent(b::dim);
    c.get(Keys.MODEL_DEPTH).ifPresent(b::depth);
    c.get(Keys.MODEL_HEADS).ifPresent(b::heads);
    c.get(Keys.MODEL_WINDOW_SIZE).ifPresent(b::windowSize);
    c.get(Keys.MODEL_MLP_RATIO).ifPresent(b::mlpRatio);
    c.get(Keys.MODEL_DROPOUT).ifPresent(b::dropout);
    c.get(Keys.MODEL_DROP_PATH).ifPresent(b::dropPath);
    List<Integer> depths = ModelRequest.parseDepths(c.get(Keys.MODEL_DEPTHS));
    if (!depths.isEmpty()) {
      b.depths(depths);
    }
    return b.build();
  }
}

package io.expertize.zoo.t5;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRequest;
import java.util.stream.Collectors;

/**
 * A named T5 config. The run's {@code model.*} overrides map onto T5's sizes: {@code model.dim} is
 * d_model, {@code model.depth} the layers of each stack, {@code model.heads} the heads,
 * {@code model.mlp-ratio} d_ff / d_model, {@code model.dropout} the dropout rate. Every other field
 * of the request is refused, naming its key: the image-only overrides ({@code model.patch-size},
 * {@code model.drop-path}, {@code model.window-size}, {@code model.depths}) and an image input (the
 * data's shape and classes: T5 reads text, where the request carries none).
 */
record T5Factory(String name, String description, T5Config config) implements ModelFactory {

  @Override
  public T5Model create(ModelRequest r) {
    if (r.imageSize() > 0 || r.channels() > 0 || r.numClasses() > 0) {
      throw new IllegalArgumentException("'" + name + "' is a text-to-text model, not an image classifier: it has no "
          + "input for the data's images (" + r.imageSize() + "x" + r.imageSize() + ", " + r.channels()
          + " channel(s), " + r.numClasses() + " classes); train it on text (data=fortunes)");
    }
    if (r.windowSize() > 0) {
      throw new IllegalArgumentException("model.window-size = " + r.windowSize() + " applies to Swin only (its "
          + "attention windows); T5 attends over whole sequences: leave it at 0");
    }
    if (!r.depths().isEmpty()) {
      throw new IllegalArgumentException("model.depths = " + r.depths().stream().map(String::valueOf)
          .collect(Collectors.joining(",")) + " applies to the staged image models only "
          + "(Swin, PVT: blocks per stage); T5 has one encoder and one decoder stack: set model.depth (layers "
          + "of each) and leave model.depths empty");
    }
    if (r.patchSize() > 0) {
      throw new IllegalArgumentException("model.patch-size = " + r.patchSize() + " does not apply to T5, a text model; "
          + "leave it at 0");
    }
    if (r.dropPath() >= 0) {
      throw new IllegalArgumentException("model.drop-path = " + r.dropPath() + " does not apply to T5 (it has no "
          + "stochastic depth); leave it at -1");
    }
    int dModel = r.dimOr(config.dModel());
    int dFf = r.mlpRatio() > 0 ? (int) Math.round(dModel * r.mlpRatio()) : 0;
    if (r.mlpRatio() > 0 && dFf < 1) {
      throw new IllegalArgumentException("model.mlp-ratio = " + r.mlpRatio() + " gives d_ff = " + dFf
          + " for d_model " + dModel + "; it must give at least 1");
    }
    T5Sizes sizes = T5Sizes.of(dModel, dFf, r.headsOr(config.heads()), 0, r.depthOr(0), 0);
    return new T5Model(config.resized(sizes).withDropout(r.dropoutOr(config.dropout())));
  }

  @Override
  public T5Model reference() {
    return new T5Model(config);
  }
}

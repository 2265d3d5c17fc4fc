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
    if (r.images().isPresent()) {
      ModelRequest.Images in = r.images().get();
      throw new IllegalArgumentException("'" + name + "' is a text-to-text model, not an image classifier: it has no "
          + "input for the data's images (" + in.size() + "x" + in.size() + ", " + in.channels()
          + " channel(s), " + in.numClasses() + " classes); train it on text (data=fortunes)");
    }
    if (r.windowSize().isPresent()) {
      throw new IllegalArgumentException("model.window-size = " + r.windowSize().getAsInt() + " applies to Swin only (its "
          + "attention windows); T5 attends over whole sequences: leave it at model");
    }
    if (r.depths().isPresent()) {
      throw new IllegalArgumentException("model.depths = " + r.depths().get().stream().map(String::valueOf)
          .collect(Collectors.joining(",")) + " applies to the staged image models only "
          + "(Swin, PVT: blocks per stage); T5 has one encoder and one decoder stack: set model.depth (layers "
          + "of each) and leave model.depths empty");
    }
    if (r.patchSize().isPresent()) {
      throw new IllegalArgumentException("model.patch-size = " + r.patchSize().getAsInt() + " does not apply to T5, a text model; "
          + "leave it at model");
    }
    if (r.dropPath().isPresent()) {
      throw new IllegalArgumentException("model.drop-path = " + r.dropPath().getAsDouble() + " does not apply to T5 (it has no "
          + "stochastic depth); leave it at -1");
    }
    int dModel = r.dimOr(config.dModel());
    int dFf = r.mlpRatio().isPresent() ? (int) Math.round(dModel * r.mlpRatio().getAsDouble()) : 0;
    if (r.mlpRatio().isPresent() && dFf < 1) {
      throw new IllegalArgumentException("model.mlp-ratio = " + r.mlpRatio().getAsDouble() + " gives d_ff = " + dFf
          + " for d_model " + dModel + "; it must give at least 1");
    }
    T5Config.Builder sized = config.toBuilder().dModel(dModel).heads(r.headsOr(config.heads()))
        .dropout(r.dropoutOr(config.dropout()));
    if (r.mlpRatio().isPresent()) {
      sized.dFf(dFf);
    }
    r.depth().ifPresent(sized::layers);
    return new T5Model(sized.build());
  }

  @Override
  public T5Model reference() {
    return new T5Model(config);
  }
}

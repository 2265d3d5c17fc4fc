package io.expertize.zoo.t5;

import io.expertize.nn.Activation;
import io.expertize.nn.DenseActDense;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.FeedForwardOptions;
import io.expertize.nn.GatedFeedForward;

/** T5's two FFNs: 1.0's ReLU {@code wi, wo} and v1.1's gated-GELU {@code wi_0, wi_1, wo} (tanh GELU). */
public enum FeedForwardKind {
  RELU {
    @Override
    FeedForwardNetwork create(T5Config c) {
      return new DenseActDense(options(c).activation(Activation.RELU).build());
    }
  },
  GATED_GELU {
    @Override
    FeedForwardNetwork create(T5Config c) {
      return new GatedFeedForward(options(c).activation(Activation.GELU_TANH).build());
    }
  };

  abstract FeedForwardNetwork create(T5Config c);

  /** T5's FFN without biases, each projection's std scaled by its fan-in. */
  private static FeedForwardOptions.Builder options(T5Config c) {
    return FeedForwardOptions.builder().dim(c.dModel()).hidden(c.dFf()).bias(false).dropout(c.dropout())
        .inputInit(T5Init.fanIn(c.dModel())).outputInit(T5Init.fanIn(c.dFf()));
  }
}

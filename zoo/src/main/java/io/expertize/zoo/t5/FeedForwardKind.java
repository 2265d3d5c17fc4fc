package io.expertize.zoo.t5;

import io.expertize.nn.Activation;
import io.expertize.nn.DenseActDense;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.GatedFeedForward;

/** T5's two FFNs: 1.0's ReLU {@code wi, wo} and v1.1's gated-GELU {@code wi_0, wi_1, wo} (tanh GELU). */
public enum FeedForwardKind {
  RELU {
    @Override
    FeedForwardNetwork create(T5Config c) {
      return new DenseActDense(c.dModel(), c.dFf(), Activation.RELU, c.dropout(),
          T5Init.fanIn(c.dModel()), T5Init.fanIn(c.dFf()));
    }
  },
  GATED_GELU {
    @Override
    FeedForwardNetwork create(T5Config c) {
      return new GatedFeedForward(c.dModel(), c.dFf(), Activation.GELU_TANH, c.dropout(),
          T5Init.fanIn(c.dModel()), T5Init.fanIn(c.dFf()));
    }
  };

  abstract FeedForwardNetwork create(T5Config c);
}

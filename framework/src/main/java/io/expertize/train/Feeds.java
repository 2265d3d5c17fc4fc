package io.expertize.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/** Tensors of one batch, each for its placeholder; owns them (close after the run). */
public final class Feeds implements AutoCloseable {
  private record Feed(Operand<?> placeholder, Tensor value) {}

  private final List<Feed> feeds = new ArrayList<>();

  /** Adds {@code value} for {@code placeholder}; this object closes it. */
  public Feeds add(Operand<?> placeholder, Tensor value) {
    feeds.add(new Feed(placeholder, value));
    return this;
  }

  /** {@code runner} with every tensor fed, in the order added. */
  public Session.Runner into(Session.Runner runner) {
    feeds.forEach(f -> runner.feed(f.placeholder(), f.value()));
    return runner;
  }

  @Override
  public void close() {
    feeds.forEach(f -> f.value().close());
  }
}

package io.expertize.graph;

import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.ndarray.Shape;

/**
 * A parameter declared by a module: a local name, a kind and a static shape. Its full path
 * ({@code blocks.3.mlp.fc1.weight}) is given by {@link ModuleTree} when the model is walked.
 * Identity is by object: the same declaration maps to one variable per graph.
 */
public final class Param {
  private final String localName;
  private final ParamKind kind;
  private final long[] shape;
  private final Initializer initializer;

  Param(String localName, ParamKind kind, long[] shape, Initializer initializer) {
    this.localName = Objects.requireNonNull(localName);
    this.kind = Objects.requireNonNull(kind);
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "parameter '" + localName + "' has a non-positive dimension: " + Arrays.toString(shape));
      }
    }
    this.shape = shape.clone();
    this.initializer = Objects.requireNonNull(initializer);
  }

  /** Name inside its module; empty when the parameter is the module itself (e.g. {@code cls_token}). */
  public String localName() {
    return localName;
  }

  public ParamKind kind() {
    return kind;
  }

  public Shape shape() {
    return Shape.of(shape);
  }

  public long[] dims() {
    return shape.clone();
  }

  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  public Initializer initializer() {
    return initializer;
  }

  @Override
  public String toString() {
    return localName + Arrays.toString(shape) + " " + kind;
  }
}

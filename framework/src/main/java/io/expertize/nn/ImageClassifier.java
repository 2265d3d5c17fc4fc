package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A model that maps normalised NHWC images to class logits. The zoo's vision models extend it. */
public abstract class ImageClassifier extends Module {
  /** images: {@code [B, imageSize, imageSize, channels]}; returns {@code [B, numClasses]}. */
  public abstract Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images);

  public abstract int imageSize();

  public abstract int channels();

  public abstract int numClasses();
}

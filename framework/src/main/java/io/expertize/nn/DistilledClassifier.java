package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A classifier with a second head trained towards a teacher (DeiT's distillation token and
 * {@code head_dist}). {@link ImageClassifier#logits} averages the two heads, as DeiT does at
 * inference; a trainer doing distillation reads both: the class head against the labels,
 * the distillation head against the teacher's argmax (hard) or its tempered distribution (soft).
 */
public interface DistilledClassifier {
  /** Both heads' logits, each {@code [B, numClasses]}. */
  record HeadLogits(Operand<TFloat32> classHead, Operand<TFloat32> distillationHead) {}

  HeadLogits headLogits(ForwardContext ctx, Operand<TFloat32> images);
}

package io.expertize.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ParamSource;
import java.util.Map;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.SignatureDef;

/**
 * The task-specific half of an export: what the SavedModel's signatures take and answer, how the
 * export is checked against the trained model, and how its input is described. {@link ImageServing}
 * serves an image classifier, {@link TextServing} a text-to-text model; staging, fusion, saving,
 * loading back and metadata are {@link DenseExporter}'s for both.
 */
public interface Serving {
  /** The serving graph's signatures, computed from the dense model's parameters. */
  Map<String, SignatureDef> signatures(Ops tf, ParamSource parameters);

  /**
   * The check's inputs, built in the fusion graph: {@code trained} is the model as it trained
   * (experts in place), {@code fused} its fused dense parameters.
   */
  Probe probe(Ops tf, ForwardContext trained, ParamSource fused);

  /** The served input (and anything a client needs to know of it) in {@code expertize.json}. */
  void describe(ObjectNode metadata);
}

package io.expertize.export;

import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;

/**
 * The clean inference graph of a dense model, as served: the {@link Serving}'s signatures over one
 * bare variable per parameter, and a saver. Nothing of training is in it: no experts, router, bank,
 * dropout, augmentation, gradients, optimizer state or initializers.
 */
final class ServingGraph implements AutoCloseable {
  static final String PREDICT_METHOD = "tensorflow/serving/predict";

  private final Graph graph = new Graph();
  private final SaverDef saverDef;
  private final Map<String, SignatureDef> signatures;

  ServingGraph(Module model, Serving serving) {
    Ops tf = Ops.create(graph);
    ServingParameters parameters = new ServingParameters(tf, ModuleTree.of(model));
    signatures = serving.signatures(tf, parameters);
    saverDef = VariableSaver.add(tf, parameters.variables());
  }

  /** The meta graph: graph, saver, signatures and the {@code serve} tag. */
  MetaGraphDef metaGraphDef(String metaGraphVersion) {
    return MetaGraphDef.newBuilder()
        .setGraphDef(graph.toGraphDef())
        .setSaverDef(saverDef)
        .putAllSignatureDef(signatures)
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder()
            .addTags("serve")
            .setMetaGraphVersion(metaGraphVersion)
            .setTensorflowVersion(org.tensorflow.TensorFlow.version()))
        .build();
  }

  @Override
  public void close() {
    graph.close();
  }
}

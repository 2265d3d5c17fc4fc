package io.expertize.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.Linear;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** inspect reads a real SavedModel (written by TF's own exporter) through TF's own loader. */
class SavedModelInspectorTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void reportsTagsSignaturesVariablesParametersAndOps() throws Exception {
    Path dir = tmp.resolve("model/1");
    Linear fc = new Linear(4, 3);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore vars = new VariableStore(tf, 1);
      vars.addParameters(ModuleTree.of(fc));
      Placeholder<TFloat32> x = tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> y = fc.forward(ForwardContext.inference(tf, vars), x);
      s.initialize();
      Signature sig = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
          .input("pixels", x).output("logits", y).build();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withFunction(SessionFunction.create(sig, s)).export();
    }
    assertThat(SavedModelInspector.isSavedModel(dir)).isTrue();
    Map<String, Object> report = SavedModelInspector.inspect(dir);
    assertThat((Iterable<String>) report.get("tags")).containsExactly("serve");
    Map<String, Object> sig = (Map<String, Object>) ((Map<String, Object>) report.get("signatures")).get("serving_default");
    assertThat(sig.get("method_name")).isEqualTo("tensorflow/serving/predict");
    Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) sig.get("inputs")).get("pixels");
    assertThat(input).containsEntry("dtype", "DT_FLOAT").containsEntry("shape", "[?, 4]");
    assertThat(report.get("parameters")).isEqualTo(15L);
    assertThat((Map<String, String>) report.get("variables")).containsOnlyKeys("weight", "bias");
    assertThat((Map<String, Integer>) report.get("op_types")).containsKeys("MatMul", "BiasAdd", "VariableV2");
    assertThat((Long) report.get("size_bytes")).isPositive();
  }
}

package io.expertize.export;

import io.expertize.data.Normalization;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The clean inference graph of a dense image classifier, as served: raw pixels or encoded image
 * bytes in, {@code logits}, {@code probabilities} and {@code classes} out, preprocessing inside,
 * one bare variable per parameter and a saver. Nothing of training is in it: no experts, router,
 * bank, dropout, augmentation, gradients, optimizer state or initializers.
 *
 * <p>Both signatures share one forward pass: {@code images} is a placeholder whose default is the
 * decoded {@code image_bytes}, so feeding pixels never touches the decoder and feeding bytes runs it.
 */
final class ServingGraph implements AutoCloseable {
  static final String PREDICT_METHOD = "tensorflow/serving/predict";
  static final String PIXELS_SIGNATURE = "serving_default";
  static final String BYTES_SIGNATURE = "serving_image_bytes";

  private final Graph graph = new Graph();
  private final SaverDef saverDef;
  private final Map<String, SignatureDef> signatures;

  ServingGraph(ImageClassifier model, Normalization normalization) {
    Ops tf = Ops.create(graph);
    ServingParameters parameters = new ServingParameters(tf, ModuleTree.of(model));
    int size = model.imageSize();
    int channels = model.channels();

    Placeholder<TString> encoded = tf.withName("image_bytes").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> pixels = tf.withName("images").placeholderWithDefault(
        ImageBytesDecoder.decode(tf, encoded, size, channels), Shape.of(-1, size, size, channels));
    Operand<TFloat32> logits = tf.withName("logits").identity(
        model.logits(ForwardContext.inference(tf, parameters), Preprocessing.apply(tf, pixels, normalization)));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
    Operand<TInt64> classes = tf.withName("classes").math.argMax(logits, tf.constant(-1));

    Map<String, Operand<?>> outputs = Map.of("logits", logits, "probabilities", probabilities, "classes", classes);
    signatures = Map.of(
        PIXELS_SIGNATURE, SignatureDefs.predict(Map.of("images", pixels), outputs),
        BYTES_SIGNATURE, SignatureDefs.predict(Map.of("image_bytes", encoded), outputs));
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

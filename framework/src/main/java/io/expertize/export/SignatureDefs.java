package io.expertize.export;

import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** SignatureDef protos for TF Serving's predict API (TF Java keeps its own converter private). */
final class SignatureDefs {
  private SignatureDefs() {}

  static SignatureDef predict(Map<String, Operand<?>> inputs, Map<String, Operand<?>> outputs) {
    SignatureDef.Builder def = SignatureDef.newBuilder().setMethodName(ServingGraph.PREDICT_METHOD);
    new TreeMap<>(inputs).forEach((name, t) -> def.putInputs(name, info(t.asOutput())));
    new TreeMap<>(outputs).forEach((name, t) -> def.putOutputs(name, info(t.asOutput())));
    return def.build();
  }

  private static TensorInfo info(Output<?> output) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    Shape s = output.shape();
    if (s.isUnknown()) {
      shape.setUnknownRank(true);
    } else {
      for (long d : s.asArray()) {
        shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
      }
    }
    return TensorInfo.newBuilder()
        .setName(output.op().name() + ":" + output.index())
        .setDtype(output.dataType())
        .setTensorShape(shape)
        .build();
  }
}

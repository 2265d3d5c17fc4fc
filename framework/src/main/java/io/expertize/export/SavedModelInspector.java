package io.expertize.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Describes any SavedModel (not only ours) through TensorFlow's own loader: tags, signatures with
 * method names and tensor specs, variables and parameter count, op-type histogram, size on disk.
 */
public final class SavedModelInspector {
  private SavedModelInspector() {}

  public static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve("saved_model.pb"));
  }

  public static Map<String, Object> inspect(Path dir, String... tags) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", dir.toAbsolutePath().toString());
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), tags.length == 0 ? new String[] {"serve"} : tags)) {
      MetaGraphDef meta = bundle.metaGraphDef();
      out.put("tags", meta.getMetaInfoDef().getTagsList());
      Map<String, Object> signatures = new TreeMap<>();
      for (Map.Entry<String, SignatureDef> e : meta.getSignatureDefMap().entrySet()) {
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("method_name", e.getValue().getMethodName());
        sig.put("inputs", tensors(e.getValue().getInputsMap()));
        sig.put("outputs", tensors(e.getValue().getOutputsMap()));
        signatures.put(e.getKey(), sig);
      }
      out.put("signatures", signatures);
      Map<String, String> variables = new TreeMap<>();
      Map<String, Integer> opTypes = new TreeMap<>();
      long params = 0;
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        opTypes.merge(op.type(), 1, Integer::sum);
        if (op.type().equals("VariableV2") || op.type().equals("VarHandleOp")) {
          Shape shape = op.type().equals("VariableV2") ? op.output(0).shape() : Shape.unknown();
          variables.put(op.name(), shape.toString());
          params += shape.isUnknown() ? 0 : shape.size();
        }
      }
      out.put("parameters", params);
      out.put("variable_count", variables.size());
      out.put("variables", variables);
      out.put("op_types", opTypes);
    }
    out.put("size_bytes", sizeOnDisk(dir));
    return out;
  }

  private static Map<String, Object> tensors(Map<String, TensorInfo> infos) {
    Map<String, Object> out = new TreeMap<>();
    infos.forEach((name, info) -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("tensor", info.getName());
      t.put("dtype", info.getDtype().name());
      t.put("shape", shape(info.getTensorShape()));
      out.put(name, t);
    });
    return out;
  }

  private static String shape(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return "unknown";
    }
    List<String> dims = new ArrayList<>();
    shape.getDimList().forEach(d -> dims.add(d.getSize() < 0 ? "?" : Long.toString(d.getSize())));
    return "[" + String.join(", ", dims) + "]";
  }

  static long sizeOnDisk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot measure " + dir, e);
    }
  }
}

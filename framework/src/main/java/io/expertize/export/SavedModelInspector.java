package io.expertize.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Describes any SavedModel (not only ours) from its {@code saved_model.pb}: every meta graph's tags,
 * signatures with method names and tensor specs, variables (VariableV2 and resource variables) with
 * shapes and the parameter count, the op-type histogram, functions, size on disk, and an Expertize
 * export's own metadata. Reading the protocol buffer needs no session, so models with unusual tags
 * or ops this runtime lacks are described too.
 */
public final class SavedModelInspector {
  private static final List<String> VARIABLE_OPS = List.of("VariableV2", "VarHandleOp", "Variable");

  private SavedModelInspector() {}

  public static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve("saved_model.pb"));
  }

  /**
   * The SavedModel {@code dir} names, as TF Serving picks it: {@code dir} itself when it holds
   * {@code saved_model.pb}, else the highest numeric version under it (a model base path), else none.
   */
  public static Optional<Path> served(Path dir) {
    if (isSavedModel(dir)) {
      return Optional.of(dir);
    }
    List<Path> versions = versions(dir);
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** The numeric version directories under a model base path ({@code BASE/NAME}), if it is one. */
  public static List<Path> versions(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      return children.filter(p -> p.getFileName().toString().matches("[0-9]+") && isSavedModel(p))
          .sorted((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }

  public static Map<String, Object> inspect(Path dir) throws IOException {
    SavedModel saved;
    try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IOException(dir.resolve("saved_model.pb") + " is not a SavedModel protocol buffer: " + e.getMessage(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", dir.toAbsolutePath().toString());
    if (saved.getMetaGraphsCount() == 0) {
      throw new IOException(dir.resolve("saved_model.pb") + " holds no meta graph");
    }
    List<Map<String, Object>> graphs = new ArrayList<>();
    for (MetaGraphDef meta : saved.getMetaGraphsList()) {
      graphs.add(describe(meta));
    }
    // The first meta graph (usually the only one, tagged 'serve') at the top level, the rest listed.
    out.putAll(graphs.get(0));
    if (graphs.size() > 1) {
      out.put("other_meta_graphs", graphs.subList(1, graphs.size()));
    }
    out.put("size_bytes", sizeOnDisk(dir));
    Path metadata = dir.resolve(ExportMetadata.FILE);
    if (Files.isRegularFile(metadata)) {
      out.put("expertize", io.expertize.train.io.Json.MAPPER.readValue(metadata.toFile(), Map.class));
    }
    return out;
  }

  private static Map<String, Object> describe(MetaGraphDef meta) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tags", meta.getMetaInfoDef().getTagsList());
    if (!meta.getMetaInfoDef().getTensorflowVersion().isEmpty()) {
      out.put("tensorflow_version", meta.getMetaInfoDef().getTensorflowVersion());
    }
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
    for (NodeDef node : meta.getGraphDef().getNodeList()) {
      opTypes.merge(node.getOp(), 1, Integer::sum);
      if (VARIABLE_OPS.contains(node.getOp())) {
        AttrValue shape = node.getAttrMap().get("shape");
        variables.put(node.getName(), shape == null ? "unknown" : shape(shape.getShape()));
        params += shape == null ? 0 : size(shape.getShape());
      }
    }
    out.put("parameters", params);
    out.put("variable_count", variables.size());
    out.put("variables", variables);
    out.put("op_types", opTypes);
    out.put("functions", meta.getGraphDef().getLibrary().getFunctionCount());
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

  /** Elements of a fully known shape; 0 when any dimension is unknown. */
  private static long size(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return 0;
    }
    long n = 1;
    for (TensorShapeProto.Dim d : shape.getDimList()) {
      if (d.getSize() < 0) {
        return 0;
      }
      n *= d.getSize();
    }
    return n;
  }

  static long sizeOnDisk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }
}

package io.expertize.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What an export says about itself, in {@code assets.extra/expertize.json} (the directory TF Serving
 * leaves to tools) and in one line of the meta graph's {@code meta_graph_version}: the model, the
 * scheme it was trained with, whether the fusion is exact or an average of top-k experts, the
 * checkpoint, and the check against the trained model.
 */
final class ExportMetadata {
  static final String FILE = "assets.extra/expertize.json";

  private ExportMetadata() {}

  static String metaGraphVersion(ExportSource source, boolean exact) {
    return "expertize model=" + source.modelName() + " scheme=" + source.plan().scheme().key()
        + " fusion=" + fusion(exact);
  }

  static void write(Path dir, ExportSource source, ExportTarget target, boolean exact, long parameters,
      double difference) {
    ImageClassifier model = source.model();
    ExpertPlan plan = source.plan();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", "expertize-export/1");
    root.put("model", source.modelName());
    root.put("version", target.version());
    root.put("scheme", plan.scheme().key());
    root.put("expert_layers", plan.sets().size());
    root.put("fusion", fusion(exact));
    if (!exact) {
      root.put("warning", "top-k MoE experts were averaged: this dense model approximates the trained one; "
          + "measure its accuracy before serving it");
    }
    root.put("parameters", parameters);
    root.put("checkpoint", source.checkpoint().path().toString());
    root.put("step", source.checkpoint().step());
    ObjectNode check = root.putObject("check");
    check.put("probe_images", DenseExporter.PROBE_IMAGES);
    check.put("max_abs_logit_difference", difference);
    ObjectNode input = root.putObject("input");
    input.put("images", "float32 [batch, " + model.imageSize() + ", " + model.imageSize() + ", " + model.channels()
        + "], raw pixel values in [0, 255]");
    input.put("image_bytes", "string [batch], encoded PNG/JPEG/GIF/BMP, resized to " + model.imageSize() + "x"
        + model.imageSize() + " with " + model.channels() + " channel(s)");
    Normalization n = source.normalization();
    ObjectNode norm = input.putObject("normalization");
    for (int c = 0; c < n.channels(); c++) {
      norm.withArray("mean").add(n.mean(c));
      norm.withArray("std").add(n.std(c));
    }
    root.put("classes", model.numClasses());
    root.put("tensorflow", org.tensorflow.TensorFlow.version());
    root.put("created", Instant.now().toString());
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String fusion(boolean exact) {
    return exact ? "exact" : "averaged-top-k";
  }
}

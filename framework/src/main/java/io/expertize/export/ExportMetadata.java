package io.expertize.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.experts.ExpertPlan;
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
 * checkpoint, the check against the trained model, and the served input ({@link Serving#describe}).
 */
final class ExportMetadata {
  static final String FILE = "assets.extra/expertize.json";

  private ExportMetadata() {}

  static String metaGraphVersion(ExportSource source, boolean exact) {
    return "expertize model=" + source.modelName() + " scheme=" + source.plan().scheme().key()
        + " fusion=" + fusion(exact);
  }

  static void write(Path dir, ExportSource source, ExportTarget target, boolean exact, long parameters,
      ProbeCheck probe) {
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
    check.put("probe_" + probe.unit(), probe.inputs());
    check.put("max_abs_logit_difference", probe.maxAbsDifference());
    source.serving().describe(root);
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

package io.expertize.cli;

import io.expertize.export.ExportResult;
import io.expertize.run.ExportRequest;
import io.expertize.run.ExportedRun;
import io.expertize.run.RunExport;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code expertize export}: a run's checkpoint, experts fused, as a dense SavedModel for TF Serving. */
// no mixinStandardHelpOptions: its -V/--version would clash with --version N below
@Command(name = "export",
    description = {
        "Fuse a run's expert sets into dense FFNs and write a SavedModel at BASE/NAME/VERSION,",
        "the layout TensorFlow Serving watches (tag 'serve', method tensorflow/serving/predict).",
        "Image classifiers: 'serving_default' for raw pixels, 'serving_image_bytes' for encoded PNG/JPEG.",
        "Text models: 'serving_default' strings in, strings out (greedy), 'logits' of target strings."})
final class ExportCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory written by train.")
  Path runDir;

  @Option(names = "--out", required = true, paramLabel = "BASE", description = "Model base path (TF Serving's base_path).")
  Path base;

  @Option(names = "--name", paramLabel = "NAME", description = "Model name, a directory under BASE (default: the run's model).")
  String name;

  @Option(names = "--version", paramLabel = "N", description = "Version directory (default: one above the highest present).")
  Long version;

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "A checkpoint directory of the run (default: the latest).")
  Path checkpoint;

  @Option(names = "--force", description = "Replace BASE/NAME/N if it exists.")
  boolean force;

  @Option(names = "--average-top-k", description = "Export a top-k MoE run as its experts' mean (approximate; recorded in the model's metadata).")
  boolean averageTopK;

  @Option(names = "--max-length", paramLabel = "N",
      description = "Text models: tokens the served greedy decoding writes at most (default: export.max-length of the run, else the training targets' length).")
  Integer maxLength;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ExportedRun exported = RunExport.export(request());
    Checkpoint ckpt = exported.checkpoint();
    ExportResult r = exported.result();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("path", r.path().toString());
      out.put("version", r.version());
      out.put("checkpoint", ckpt.path().toString());
      out.put("step", ckpt.step());
      out.put("scheme", exported.scheme());
      out.put("fusion", r.exact() ? "exact" : "averaged-top-k");
      out.put("parameters", r.parameters());
      out.put("probe_" + r.probeUnit(), r.probeInputs());
      out.put("max_abs_logit_difference", r.maxAbsDifference());
      out.put("size_bytes", r.sizeBytes());
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      System.out.printf("exported %s (step %d, scheme %s) -> %s%n", ckpt.path().getFileName(), ckpt.step(),
          exported.scheme(), r.path());
      System.out.printf("  %,d parameters, %.1f MB; %s; loaded back through TensorFlow's SavedModel loader: "
              + "max |logit difference| %.2g vs the trained model on %d probe %s%n",
          r.parameters(), r.sizeBytes() / 1e6,
          r.exact() ? "experts fused exactly" : "WARNING: top-k experts AVERAGED (approximation, recorded in assets.extra/expertize.json)",
          r.maxAbsDifference(), r.probeInputs(), r.probeUnit());
      System.out.println("  serve: tensorflow_model_server --model_name=" + r.path().getParent().getFileName()
          + " --model_base_path=" + r.path().getParent() + " --rest_api_port=8501   (docs/serving.md)");
    }
    return 0;
  }

  private ExportRequest request() {
    ExportRequest.Builder request = ExportRequest.builder(runDir, base).force(force).averageTopK(averageTopK);
    if (name != null) {
      request.name(name);
    }
    if (version != null) {
      request.version(version);
    }
    if (checkpoint != null) {
      request.checkpoint(checkpoint);
    }
    if (maxLength != null) {
      request.maxLength(maxLength);
    }
    return request.build();
  }
}

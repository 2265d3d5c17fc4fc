package io.expertize.cli;

import io.expertize.Expertize;
import io.expertize.config.NamedConfigs;
import io.expertize.export.ExportResult;
import io.expertize.run.ExportRequest;
import io.expertize.run.RunExport;
import io.expertize.run.RunLauncher;
import io.expertize.run.ServedEvaluation;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code expertize quickstart}: the whole product in one command. Trains the quickstart ViT with expert
 * sets (the recipe is the named configuration {@code vit_quickstart}, the repository's
 * {@code configs/vit_quickstart.yaml}, with {@link #EXPERTS}), fuses them into a dense SavedModel inside
 * the run directory, loads that through TensorFlow's loader and reports its test top-1 as a client sees it, beside the
 * parameter count of the export, which is the dense model's.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {
        "Train the quickstart ViT on Fashion-MNIST with expert sets (named config vit_quickstart),",
        "export it dense to RUN/export, load the export through TensorFlow's SavedModel loader and print",
        "its test top-1 and parameter count. Accepts train's --config, --out, --data, --set and --force."})
final class QuickstartCommand implements Callable<Integer> {
  static final String RECIPE = "vit_quickstart";
  /**
   * The expert recipe, layered under the user's --set: memory-bank fusion read bias-corrected (the raw bank
   * starts at zero and shrinks the FFNs for the first hundred steps). Measured against the other schemes
   * in docs/benchmarks.md; a user's --set fusion.scheme=... wins.
   */
  static final List<String> EXPERTS = List.of("fusion.scheme=mb", "fusion.bias-corrected-bank=true");

  @Mixin RunOptions options;

  @Override
  public Integer call() {
    if (options.out == null) {
      options.out = RunLauncher.timestampedRunDir("quickstart");
    }
    if (options.config == null) {
      options.config = NamedConfigs.find(RECIPE).orElseThrow(
          () -> new IllegalStateException("the named configuration " + RECIPE + " is missing from the framework jar"));
    }
    TrainingSummary trained = Expertize.train(options.request(EXPERTS).build());
    Path run = options.out.toAbsolutePath();
    System.out.printf("%ntrained %s with %s: %,d parameters in training, test top-1 %.2f%% after %d steps (%.0f %s/s)%n",
        trained.model(), trained.scheme(), trained.paramsTraining(), 100 * trained.evalTop1(), trained.steps(),
        trained.examplesPerSec(), trained.exampleUnit());

    ExportResult export = RunExport.export(ExportRequest.builder(run, run.resolve("export")).build()).result();
    System.out.printf("exported dense: %s (%,d parameters, the dense model's; max |logit difference| %.2g vs the"
        + " trained model)%n", export.path(), export.parameters(), export.maxAbsDifference());

    ServedEvaluation.measure(run, export.path()).ifPresent(served -> System.out.printf(
        "served through TensorFlow's SavedModel loader: test top-1 %.2f%% on %,d images, %,d parameters%n",
        100 * served.top1(), served.images(), export.parameters()));
    System.out.println("run directory: " + run);
    System.out.println("TensorBoard:   tensorboard --logdir " + run.resolve("tensorboard"));
    System.out.println("TF Serving:    tensorflow_model_server --model_name=" + export.path().getParent().getFileName()
        + " --model_base_path=" + export.path().getParent() + " --rest_api_port=8501   (docs/serving.md)");
    return 0;
  }
}

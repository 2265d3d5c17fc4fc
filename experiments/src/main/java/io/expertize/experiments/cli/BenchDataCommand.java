package io.expertize.experiments.cli;

import io.expertize.cli.UsageException;
import io.expertize.experiments.bench.DataBenchFixtures;
import io.expertize.experiments.bench.DataBenchmark;
import io.expertize.data.AugmentationSettings;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.train.io.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Image-folder input pipeline vs the training step it feeds, in one process: images/s decoded and "
        + "resized (once per run), images/s of augmented batches (every step, on the prefetch thread) and the "
        + "model's training images/s, alternating round by round. Two cases: Fashion-MNIST as 28x28 PNG folders "
        + "against the quickstart model, 224x224 JPEGs against a ViT-S/16 step."})
final class BenchDataCommand implements Callable<Integer> {
  @Option(names = "--png-images", defaultValue = "2000", description = "28x28 PNGs written (train; a quarter more for test). Default: ${DEFAULT-VALUE}.")
  int pngImages;

  @Option(names = "--jpeg-images", defaultValue = "256", description = "224x224 JPEGs written (train; a quarter more for test). Default: ${DEFAULT-VALUE}.")
  int jpegImages;

  @Option(names = "--batch", defaultValue = "128", description = "Quickstart images per step. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--vit-batch", defaultValue = "32", description = "ViT-S images per step. Default: ${DEFAULT-VALUE}.")
  int vitBatch;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed rounds first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds (one batch and one step each). Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--only", description = "Run one case: png28 or jpeg224.")
  String only;

  @Option(names = "--work", paramLabel = "DIR", description = "Where the image folders are written (kept); default: a temporary directory, deleted after.")
  Path work;

  @Mixin TensorFlowThreads threads = new TensorFlowThreads();
  @Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() throws Exception {
    if (only != null && !List.of("png28", "jpeg224").contains(only)) {
      throw new UsageException("--only: '" + only + "' is not a case; expected png28 or jpeg224");
    }
    if (pngImages < batch || jpegImages < vitBatch || rounds < 1 || warmup < 0) {
      throw new UsageException("--png-images and --jpeg-images must hold at least one batch (--batch " + batch
          + ", --vit-batch " + vitBatch + "), --rounds >= 1, --warmup >= 0");
    }
    ModelRegistry models = ModelRegistry.discover();
    Path dir = work != null ? work : Files.createTempDirectory("expertize-bench-data-");
    List<DataBenchmark.Result> results = new ArrayList<>();
    try {
      var progress = output.progress("bench data");
      if (only == null || only.equals("png28")) {
        ImageClassifier quickstart = models.get("vit_quickstart").createImageClassifier(ModelRequest.of(28, 1, 10));
        Path pngs = DataBenchFixtures.fashionMnistPngs(dir.resolve("png28"), pngImages, pngImages / 4);
        results.add(DataBenchmark.run(new DataBenchmark.Case("png28 vs vit_quickstart", pngs, quickstart, batch,
            AugmentationSettings.builder().cropPadding(4).hflip(true).randomErasingProb(0.25)
                .mixupAlpha(0).cutmixAlpha(0).mixProb(1.0).switchProb(0.5).labelSmoothing(0.1).build()), warmup, rounds, threads.value(), progress));
      }
      if (only == null || only.equals("jpeg224")) {
        ImageClassifier vitS = models.get("vit_small_patch16_224").createImageClassifier(ModelRequest.of(224, 3, 2));
        Path jpegs = DataBenchFixtures.jpegs(dir.resolve("jpeg224"), jpegImages, jpegImages / 4, 224);
        results.add(DataBenchmark.run(new DataBenchmark.Case("jpeg224 vs vit_small_patch16_224", jpegs, vitS, vitBatch,
            AugmentationSettings.deit(16)), warmup, rounds, threads.value(), progress));
      }
    } finally {
      if (work == null) {
        DurableFiles.deleteRecursively(dir);
      }
    }
    output.print(json(results), table(results));
    return 0;
  }

  private static Map<String, Object> json(List<DataBenchmark.Result> results) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Map<String, Object>> cases = new ArrayList<>();
    for (DataBenchmark.Result r : results) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("case", r.name());
      c.put("images", r.images());
      c.put("shape", r.shape());
      c.put("decoded_per_sec", r.decodedPerSec());
      c.put("augmented_per_sec", r.augmentedPerSec());
      c.put("train_step_per_sec", r.stepPerSec());
      c.put("pipeline_over_step", r.pipelineOverStep());
      c.put("decode_every_epoch_over_step", r.decodeEveryEpochOverStep());
      cases.add(c);
    }
    root.put("cases", cases);
    return root;
  }

  private static String table(List<DataBenchmark.Result> results) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-34s %7s %12s %12s %12s %10s %14s%n", "case",
        "images", "decoded/s", "augmented/s", "step img/s", "aug/step", "decode+aug/step"));
    for (DataBenchmark.Result r : results) {
      s.append(String.format(Locale.ROOT, "%-34s %7d %12.0f %12.0f %12.1f %9.1fx %13.2fx%n", r.name(), r.images(),
          r.decodedPerSec(), r.augmentedPerSec(), r.stepPerSec(), r.pipelineOverStep(), r.decodeEveryEpochOverStep()));
    }
    return s.toString();
  }
}

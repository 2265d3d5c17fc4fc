package io.expertize.cli;

import io.expertize.Expertize;
import io.expertize.run.ResumeRequest;
import io.expertize.run.TrainRequest;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code expertize train}: a run from defaults < --config < --set, or --resume of an earlier one. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
        "Train a model. Without --config it trains the quickstart's model (vit_quickstart) on Fashion-MNIST.",
        "The run directory gets config.yaml, metrics.jsonl, TensorBoard events, checkpoints and summary.json."})
final class TrainCommand implements Callable<Integer> {
  @Mixin RunOptions options;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR from its latest checkpoint, exactly as an uninterrupted run.")
  Path resume;

  @Mixin ClusterOptions cluster;

  @Option(names = "--local-cluster", paramLabel = "workers=W,ps=P",
      description = "Train data-parallel on a cluster of child processes on 127.0.0.1 (stopped when the run ends).")
  String localCluster;

  @Override
  public Integer call() {
    if (resume != null) {
      options.requireNothingBesideResume(resume);
    }
    TrainingSummary s;
    try (ChiefCluster chief = ChiefCluster.of(cluster, localCluster)) {
      s = resume != null ? Expertize.resume(resumeRequest(chief)) : Expertize.train(trainRequest(chief));
    }
    System.out.printf("test top-1: %.2f%% (%s)%n", 100 * s.evalTop1(), s.model());
    return 0;
  }

  private TrainRequest trainRequest(ChiefCluster chief) {
    TrainRequest.Builder request = options.request(List.of());
    chief.training().ifPresent(request::cluster);
    return request.build();
  }

  private ResumeRequest resumeRequest(ChiefCluster chief) {
    ResumeRequest.Builder request = ResumeRequest.builder(resume);
    if (options.data != null) {
      request.data(options.data);
    }
    chief.training().ifPresent(request::cluster);
    return request.build();
  }
}

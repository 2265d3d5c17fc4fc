package io.expertize.cli;

import io.expertize.Expertize;
import io.expertize.run.EvalRequest;
import io.expertize.run.Evaluation;
import io.expertize.train.EvalMetrics;
import io.expertize.train.io.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code expertize eval}: top-1 and loss of a run's latest (or a given) checkpoint on the test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a run's checkpoint on the test split and print top-1 accuracy (of the next token, for text) and loss.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory written by train.")
  Path runDir;

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "A checkpoint directory (default: the latest).")
  Path checkpoint;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory, if not where the run found it.")
  Path data;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    EvalRequest.Builder request = EvalRequest.builder(runDir);
    if (checkpoint != null) {
      request.checkpoint(checkpoint);
    }
    if (data != null) {
      request.data(data);
    }
    Evaluation e = Expertize.evaluate(request.build());
    EvalMetrics m = e.metrics();
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(
          Map.of("checkpoint", e.checkpoint().toString(), "step", e.step(), "top1", m.top1(),
              "loss", m.loss(), "examples", m.examples(), "unit", m.unit())));
    } else {
      System.out.printf("%s (step %d): top-1 %.2f%%, loss %.4f on %d test %s%n",
          e.checkpoint(), e.step(), 100 * m.top1(), m.loss(), m.examples(), m.unit());
    }
    return 0;
  }
}

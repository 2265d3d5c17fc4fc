package com.example.rows;

import io.expertize.Expertize;
import io.expertize.run.Evaluation;
import io.expertize.run.TrainRequest;
import io.expertize.train.TrainingInterruptedException;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code row_transformer} from Java through {@link Expertize}, with this project's jar and Expertize's on the class
 * path. The run directories are the CLI's: {@code ./expertize eval / export / train --resume} read them, and this
 * class reads theirs.
 *
 * <pre>
 * TrainWithApi RUN [KEY=VALUE ...]   train a new run in RUN (defaults &lt; KEY=VALUE, as --set)
 * TrainWithApi --resume RUN          continue RUN from its latest checkpoint
 * TrainWithApi --export RUN BASE     evaluate RUN and export it dense to BASE/row_transformer/VERSION
 * </pre>
 */
public final class TrainWithApi {
  private TrainWithApi() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: TrainWithApi RUN [KEY=VALUE ...] | --resume RUN | --export RUN BASE");
      System.exit(2);
    }
    try {
      switch (args[0]) {
        case "--resume" -> report(Expertize.resume(Path.of(args[1])));
        case "--export" -> {
          Evaluation evaluation = Expertize.evaluate(Path.of(args[1]));
          Path model = Expertize.export(Path.of(args[1]), Path.of(args[2]));
          System.out.printf("top1 %s step %d export %s%n", evaluation.top1(), evaluation.step(), model);
        }
        default -> report(Expertize.train(TrainRequest.builder()
            .set("model", "row_transformer")
            .sets(Arrays.asList(args).subList(1, args.length))
            .out(Path.of(args[0]))
            .build()));
      }
    } catch (TrainingInterruptedException e) { // Ctrl-C or SIGTERM: a checkpoint was written after the current step
      System.err.println(e.getMessage());
      System.exit(e.reason().equals("SIGTERM") ? 143 : 130);
    }
  }

  private static void report(TrainingSummary s) {
    System.out.printf("top1 %s steps %d scheme %s%n", s.evalTop1(), s.steps(), s.scheme());
  }
}

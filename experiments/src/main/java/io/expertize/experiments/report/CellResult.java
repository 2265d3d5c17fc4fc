package io.expertize.experiments.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.experiments.study.CellRecord;
import io.expertize.experiments.study.CellRun;
import io.expertize.experiments.study.CellStatus;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.MetricsLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cell as the report reads it from its own run directory: the final figures from summary.json
 * (top-1) and the last evaluation of metrics.jsonl (loss), and the evaluation curve.
 *
 * @param curve evaluations by step (a resumed run's repeated steps count once, the later record)
 */
public record CellResult(String id, CellRecord record, Optional<TrainingSummary> summary, List<Eval> curve) {

  /** One evaluation of metrics.jsonl. */
  public record Eval(long step, double top1, double loss) {}

  static CellResult read(Path studyDir, String id, CellRecord record) {
    Path run = CellRun.directory(studyDir, id);
    Optional<TrainingSummary> summary = record.status() == CellStatus.DONE ? CellRun.summary(run) : Optional.empty();
    TreeMap<Long, Eval> evals = new TreeMap<>();
    Path metrics = run.resolve("metrics.jsonl");
    if (summary.isPresent() && Files.exists(metrics)) {
      try {
        for (ObjectNode r : MetricsLog.read(metrics)) {
          if ("eval".equals(r.path("kind").asText())) {
            long step = r.get("step").asLong();
            evals.put(step, new Eval(step, r.get("top1").asDouble(), r.get("loss").asDouble()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + metrics, e);
      }
    }
    return new CellResult(id, record, summary, List.copyOf(evals.values()));
  }

  /** Whether the cell finished and its figures are readable. */
  public boolean done() {
    return summary.isPresent();
  }

  /** The final value of {@code metric}: top-1 from summary.json, loss from the last evaluation. */
  public double value(Metric metric) {
    if (metric == Metric.TOP1) {
      return summary.orElseThrow().evalTop1();
    }
    return curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).loss();
  }

  /** The arm and its axis values: the cells of a group differ only by seed. */
  public String group() {
    return id.substring(0, id.lastIndexOf('/'));
  }
}

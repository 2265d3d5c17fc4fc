package io.expertize.distributed;

import java.util.Objects;

/** One task of a cluster: its job ({@code chief}, {@code worker}, {@code ps}) and index in the job. */
public record TaskId(String job, int index) {
  public TaskId {
    Objects.requireNonNull(job, "job");
  }

  /** {@code worker:1}, as given to {@code --task}. */
  public static TaskId parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ClusterException("--task " + text + ": expected JOB:INDEX, e.g. worker:1 or ps:0");
    }
    try {
      return new TaskId(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new ClusterException("--task " + text + ": the index after ':' must be an integer, e.g. worker:1");
    }
  }

  /** The TensorFlow device prefix of this task, {@code /job:worker/replica:0/task:1}. */
  public String device() {
    return "/job:" + job + "/replica:0/task:" + index;
  }

  @Override
  public String toString() {
    return job + ":" + index;
  }
}

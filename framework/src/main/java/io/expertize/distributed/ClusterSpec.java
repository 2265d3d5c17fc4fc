package io.expertize.distributed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TensorFlow cluster in the TF_CONFIG style: the address of every task of the jobs {@code chief}
 * (exactly one: it builds the graph, runs the session, writes the run directory), {@code worker}
 * (forward and backward of a shard of each batch) and {@code ps} (variables and optimizer slots), and
 * which of them this process is. Validated on construction by {@link ClusterSpecReader}.
 */
public record ClusterSpec(Map<String, List<String>> jobs, TaskId self) {
  public static final String CHIEF = "chief";
  public static final String WORKER = "worker";
  public static final String PS = "ps";
  /** The jobs a cluster may name, in the order TensorFlow is told them. */
  public static final List<String> JOBS = List.of(CHIEF, WORKER, PS);

  public ClusterSpec {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (String j : JOBS) {
      copy.put(j, List.copyOf(jobs.getOrDefault(j, List.of())));
    }
    jobs = java.util.Collections.unmodifiableMap(copy);
  }

  public String address(TaskId task) {
    return jobs.get(task.job()).get(task.index());
  }

  public List<TaskId> tasks(String job) {
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < jobs.get(job).size(); i++) {
      ids.add(new TaskId(job, i));
    }
    return ids;
  }

  /** Every task, chief first. */
  public List<TaskId> allTasks() {
    List<TaskId> all = new ArrayList<>();
    JOBS.forEach(j -> all.addAll(tasks(j)));
    return all;
  }

  public List<TaskId> workers() {
    return tasks(WORKER);
  }

  public List<TaskId> psTasks() {
    return tasks(PS);
  }

  public TaskId chief() {
    return new TaskId(CHIEF, 0);
  }

  /** The same cluster seen from another of its tasks. */
  public ClusterSpec as(TaskId task) {
    return new ClusterSpec(jobs, task);
  }

  /** The task at {@code address}, if any. */
  public Optional<TaskId> taskAt(String address) {
    return allTasks().stream().filter(t -> address(t).equals(address)).findFirst();
  }

  /** {@code workers=2, ps=1 (chief 127.0.0.1:40001, ...)}: for messages. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (TaskId t : allTasks()) {
      b.append(b.isEmpty() ? "" : ", ").append(t).append(" = ").append(address(t));
    }
    return b.toString();
  }
}

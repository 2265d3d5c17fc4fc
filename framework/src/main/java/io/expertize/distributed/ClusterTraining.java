package io.expertize.distributed;

import io.expertize.train.DataParallel;
import io.expertize.train.TrainingCluster;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * Training on a {@link ClusterSpec} from its chief: the chief's device for inputs and everything
 * unplaced, one shard per worker task, variables spread over the ps tasks, a session through the
 * chief's own server. A failed step is reported with the tasks that no longer answer.
 */
public final class ClusterTraining implements TrainingCluster {
  private final ClusterSpec spec;
  private final TaskServer chief;
  private final TaskProbe probe;

  public ClusterTraining(ClusterSpec spec, TaskServer chief, TaskProbe probe) {
    if (!spec.self().equals(spec.chief())) {
      throw new ClusterException("only the chief trains; this process is task " + spec.self()
          + " (start it with `expertize worker --cluster FILE --task " + spec.self() + "`)");
    }
    this.spec = spec;
    this.chief = chief;
    this.probe = probe;
  }

  @Override
  public DataParallel layout() {
    List<org.tensorflow.DeviceSpec> workers = spec.workers().stream().map(t -> DataParallel.task(t.job(), t.index())).toList();
    return new DataParallel(DataParallel.task(ClusterSpec.CHIEF, 0), workers, new GreedyPsPlacement(spec.psTasks().size()));
  }

  @Override
  public Session open(Graph graph) {
    return GrpcSessions.open(graph, chief.target());
  }

  @Override
  public RuntimeException stepFailed(long step, RuntimeException failure) {
    List<TaskId> gone = probe.unanswered(spec, spec.allTasks().stream().filter(t -> !t.equals(spec.self())).toList());
    String first = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().lines()
        .filter(l -> l.chars().anyMatch(Character::isLetter)).findFirst().orElse("");
    if (gone.isEmpty()) {
      return new TaskLostException("step " + step + " failed on the cluster (" + spec.describe() + "): " + first, failure);
    }
    return new TaskLostException("step " + step + " failed: task" + (gone.size() > 1 ? "s " : " ")
        + String.join(", ", gone.stream().map(t -> t + " (" + spec.address(t) + ")").toList())
        + " no longer answer" + (gone.size() > 1 ? "" : "s") + ". Restart the cluster and continue with --resume RUN_DIR "
        + "(the last checkpoint is kept). TensorFlow said: " + first, failure);
  }
}

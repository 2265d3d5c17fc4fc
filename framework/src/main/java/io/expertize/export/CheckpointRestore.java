package io.expertize.export;

import io.expertize.graph.CheckpointIndex;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;

/**
 * Restores a trained model's variables (experts, routers, banks; not the optimizer's slots, which the
 * checkpoint holds too) into a graph of its own, after checking every name and shape against the
 * checkpoint's index, so a mismatch names the variables instead of failing deep in TensorFlow.
 */
public final class CheckpointRestore {
  private static final int LISTED = 8;

  private CheckpointRestore() {}

  /**
   * @param what the model and scheme, as the error should name them
   * @throws CheckpointException naming each variable the checkpoint lacks or holds in another shape
   */
  public static void restore(Session session, VariableStore variables, Checkpoint checkpoint, String what) {
    Map<String, CheckpointIndex.Entry> found;
    try {
      found = CheckpointIndex.read(checkpoint.variablesPrefix());
    } catch (IOException e) {
      throw new CheckpointException(checkpoint.path(), "cannot read its variable index: " + e.getMessage(), e);
    }
    List<String> wrong = new ArrayList<>();
    for (ModelVariable v : variables.all()) {
      CheckpointIndex.Entry f = found.get(v.name());
      String want = Arrays.toString(v.variable().shape().asArray());
      if (f == null) {
        wrong.add("  " + v.name() + " " + want + ": not in the checkpoint");
      } else if (!Arrays.equals(f.shape().asArray(), v.variable().shape().asArray())) {
        wrong.add("  " + v.name() + ": expected " + want + ", the checkpoint has " + f);
      }
    }
    if (!wrong.isEmpty()) {
      List<String> lines = new ArrayList<>(List.of("does not hold the variables of " + what + ":"));
      lines.addAll(wrong.subList(0, Math.min(LISTED, wrong.size())));
      if (wrong.size() > LISTED) {
        lines.add("  ... and " + (wrong.size() - LISTED) + " more");
      }
      lines.add("Was the run's config.yaml edited after training, or is the checkpoint from another run?");
      throw new CheckpointException(checkpoint.path(), String.join("\n", lines));
    }
    try {
      session.restore(checkpoint.variablesPrefix().toString());
    } catch (RuntimeException e) { // TF's exceptions extend IllegalArgument/IllegalState as well as TensorFlowException
      throw new CheckpointException(checkpoint.path(), "TensorFlow could not restore the variables of " + what
          + ": " + e.getMessage(), e);
    }
  }
}

package io.expertize.distributed;

import io.expertize.graph.CheckpointIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import java.nio.charset.StandardCharsets;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Every float variable of a checkpoint, read by TF's own RestoreV2, flattened. */
final class CheckpointValues {
  private CheckpointValues() {}

  static Map<String, float[]> read(Path prefix) throws IOException {
    List<String> names = new ArrayList<>(CheckpointIndex.read(prefix).keySet());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Class<? extends TType>> types = new ArrayList<>();
      names.forEach(n -> types.add(TFloat32.class));
      Restore restore = tf.train.restore(tf.constant(prefix.toString()),
          tf.constant(StandardCharsets.UTF_8, names.toArray(String[]::new)),
          tf.constant(StandardCharsets.UTF_8, names.stream().map(n -> "").toArray(String[]::new)), types);
      Session.Runner runner = s.runner();
      restore.tensors().forEach(runner::fetch);
      Map<String, float[]> values = new LinkedHashMap<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < names.size(); i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] flat = new float[(int) t.size()];
          t.copyTo(org.tensorflow.ndarray.NdArrays.wrap(t.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false)));
          values.put(names.get(i), flat);
        }
      }
      return values;
    }
  }

  static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      throw new AssertionError("different variables: " + a.keySet() + " vs " + b.keySet());
    }
    double max = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}

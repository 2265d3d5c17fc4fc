package io.expertize.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The save and restore ops of a SavedModel, laid out like TensorFlow's own Saver ({@code save/Const},
 * {@code save/control_dependency}, {@code save/restore_all}) so any loader finds them through the
 * {@link SaverDef}. Checkpoint keys are the variable names.
 */
final class VariableSaver {
  private VariableSaver() {}

  /** A SaveV2 of {@code tensors} under their map keys to the checkpoint prefix {@code filename}. */
  static Op save(Ops tf, Operand<TString> filename, Map<String, ? extends Operand<TFloat32>> tensors) {
    return tf.train.save(filename, keys(tf, tensors), wholeTensors(tf, tensors.size()), new ArrayList<Operand<?>>(tensors.values()));
  }

  private static Operand<TString> keys(Ops tf, Map<String, ?> tensors) {
    return tf.constant(StandardCharsets.UTF_8, tensors.keySet().toArray(String[]::new));
  }

  /** Shape-and-slice specs: "" = the whole tensor. */
  private static Operand<TString> wholeTensors(Ops tf, int n) {
    String[] whole = new String[n];
    Arrays.fill(whole, "");
    return tf.constant(StandardCharsets.UTF_8, whole);
  }

  static SaverDef add(Ops tf, Map<String, Variable<TFloat32>> variables) {
    Ops s = tf.withSubScope("save");
    Operand<TString> filename = s.withName("Const").constant("model");
    Op save = save(s, filename, variables);
    Operand<TString> saved = s.withControlDependencies(List.of(save)).withName("control_dependency").identity(filename);

    List<Class<? extends org.tensorflow.types.family.TType>> dtypes = new ArrayList<>();
    variables.values().forEach(v -> dtypes.add(TFloat32.class));
    Restore restore = s.train.restore(filename, keys(s, variables), wholeTensors(s, variables.size()), dtypes);
    List<Op> assigns = new ArrayList<>();
    int i = 0;
    for (Variable<TFloat32> v : variables.values()) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> value = (Operand<TFloat32>) restore.tensors().get(i++);
      assigns.add(s.assign(v, value));
    }
    s.withControlDependencies(assigns).withName("restore_all").noOp();
    return SaverDef.newBuilder()
        .setFilenameTensorName(filename.asOutput().op().name() + ":0")
        .setSaveTensorName(saved.asOutput().op().name() + ":0")
        .setRestoreOpName("save/restore_all")
        .setMaxToKeep(5)
        .setKeepCheckpointEveryNHours(10000f)
        .setVersion(SaverDef.CheckpointFormatVersion.V2)
        .build();
  }
}

package io.expertize.distill;

import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.export.CheckpointRestore;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.Checkpoint;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A checkpoint of a training run as a teacher: the run's model with its expert plan in place (any
 * scheme: sw, dw, mb and EWA as they evaluate, top-k MoE as it routes), inference only, in a graph and
 * session of its own, restored without the optimizer's slots. It computes what {@code expertize eval}
 * measures on the run, and fed the same images, what the run's {@code expertize export} answers.
 *
 * <p>It is fed the student's images in its own normalisation: as they are when the two agree (the same
 * dataset), else undone to [0, 1] with the student's and redone with its own.
 */
public final class CheckpointTeacher implements Teacher {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> logits;
  private final ImageClassifier model;
  private final Normalization own;
  private final Normalization student;
  private final TeacherInfo info;

  /**
   * @param modelName the run's {@code model}
   * @param own the normalisation the run trained with; {@code student} the student's
   * @throws io.expertize.train.io.CheckpointException if the checkpoint does not hold this model's variables
   */
  public CheckpointTeacher(String modelName, ImageClassifier model, ExpertPlan plan, Normalization own,
      Normalization student, Checkpoint checkpoint) {
    this.model = model;
    this.own = own;
    this.student = student;
    Ops tf = Ops.create(graph);
    ModuleTree tree = ModuleTree.of(model);
    VariableStore variables = new VariableStore(tf, 0);
    plan.declare(variables, tree);
    images = tf.withName("images").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, model.imageSize(), model.imageSize(), model.channels())));
    ForwardContext inference = ForwardContext.inference(tf, variables).withOverrides(plan.overrides());
    logits = tf.withName("logits").identity(model.logits(inference, images));
    session = new Session(graph);
    try {
      CheckpointRestore.restore(session, variables, checkpoint,
          "model '" + modelName + "' trained with fusion.scheme=" + plan.scheme().key());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    String input = own.equals(student) ? "normalized (the run's normalisation is the student's)"
        : "re-normalised from the student's " + student + " to the run's " + own;
    info = new TeacherInfo(TeacherInfo.RUN, checkpoint.path(), modelName, model.imageSize(), model.channels(),
        model.numClasses(), input, "logits", TeacherScores.LOGITS, -1, checkpoint.step(),
        Fingerprint.sha256(checkpoint.path(), name -> name.startsWith("variables")));
  }

  @Override
  public void scores(float[] batch, int count, float[] scores) {
    int s = model.imageSize();
    int c = model.channels();
    int n = count * s * s * c;
    float[] fed = new float[n];
    if (own.equals(student)) {
      System.arraycopy(batch, 0, fed, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        int ch = i % c;
        float unit = batch[i] * student.std(ch) + student.mean(ch);
        fed[i] = own.apply(ch, unit);
      }
    }
    try (TFloat32 in = TFloat32.tensorOf(Shape.of(count, s, s, c), DataBuffers.of(fed, true, false));
        Result r = session.runner().feed(images, in).fetch(logits).run()) {
      ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(scores, 0, count * model.numClasses());
      ScoreCheck.rows(scores, count, model.numClasses(), info.path().toString());
    }
  }

  @Override
  public TeacherInfo info() {
    return info;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}

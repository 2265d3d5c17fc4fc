package io.expertize.train;

import io.expertize.experts.ExpertPlan;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.GraphDevices;
import io.expertize.graph.PassRecord;
import io.expertize.graph.VariablePlacement;
import io.expertize.graph.VariableStore;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The TF graph of a model in training: one set of variables, the task's training pass and loss (plus
 * any auxiliary loss the experts add), global-norm clipping and the optimizer, and the task's
 * inference pass sharing the variables. With an {@link ExpertPlan} the chosen FFNs train as expert
 * sets; {@link #fusedParameters} gives the dense model they fuse into. What is fed and what is
 * evaluated is the task's ({@link #task}); inputs and outputs are named so a run can be driven (and
 * debugged) by name.
 *
 * @param <G> the task's part of the graph, e.g. {@link ImageClassificationGraph}
 */
public final class TrainingGraph<G extends TaskGraph<?>> implements AutoCloseable {
  public final Graph graph;
  public final ModuleTree tree;
  public final ExpertPlan experts;
  public final VariableStore variables;
  /** Input placeholders, training loss and evaluation outputs of the task. */
  public final G task;
  public final Placeholder<TInt64> step;
  public final Placeholder<TFloat32> learningRate;
  /** Fraction of training done after this step, {@code (step + 1) / total}: EWA's β schedule. */
  public final Placeholder<TFloat32> progress;
  /** The training loss: the task's loss plus auxiliary losses. */
  public final Operand<TFloat32> loss;
  public final Operand<TFloat32> gradNorm;
  public final Op trainOp;
  /** Values the training pass reports about itself, fetched on log steps. */
  public final Map<String, Operand<TFloat32>> diagnostics;
  /** Every parameter of the dense model, by path, as deployed: fused where experts stand in. */
  public final Map<String, Operand<TFloat32>> fusedParameters;

  /**
   * Settings of the optimisation step; with {@code dataParallel}, the step of a cluster: variables on
   * parameter servers, one shard of the batch per worker, gradients summed weighted by shard size.
   */
  public record StepSettings(Optimizer optimizer, OptionalDouble gradClip, Optional<DataParallel> dataParallel) {
    public StepSettings(Optimizer optimizer, OptionalDouble gradClip) {
      this(optimizer, gradClip, Optional.empty());
    }
  }

  private TrainingGraph(Module model, TaskGraph.Factory<G> taskGraph, ExpertPlan plan, long seed, StepSettings settings) {
    graph = new Graph();
    Optional<DataParallel> parallel = settings.dataParallel();
    // in a cluster every op without a device of its own runs on the chief
    Ops tf = parallel.map(p -> Ops.create(graph).withDevice(p.chief())).orElseGet(() -> Ops.create(graph));
    tree = ModuleTree.of(model);
    experts = plan;
    variables = new VariableStore(tf, seed, parallel.map(DataParallel::variables).orElse(VariablePlacement.UNPLACED));
    plan.declare(variables, tree);

    step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    progress = tf.withName("progress").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    Ops train = tf.withSubScope("train");
    ForwardContext pass = ForwardContext.training(train, variables, step, seed).withOverrides(plan.overrides());
    ForwardContext inference = ForwardContext.inference(tf.withSubScope("eval"), variables).withOverrides(plan.overrides());
    Optional<ShardedPass> sharded = parallel.map(p -> new ShardedPass(p, train, variables, step, seed, plan.overrides()));
    task = taskGraph.attach(new Passes(tf, pass, inference, sharded));

    List<ModelVariable> trainable = variables.withRole(ModelVariable.Role.TRAINABLE);
    Output<?>[] reads = trainable.stream().map(v -> v.read().asOutput()).toArray(Output[]::new);
    List<Operand<TFloat32>> grads;
    PassRecord record;
    if (sharded.isPresent()) {
      List<ShardedPass.Shard> shards = sharded.get().shards();
      // state updates and diagnostics are shard 0's: every state update reads only batch-wide statistics
      // (ForwardContext.batchMean), so all shards compute the same new state
      record = shards.get(0).context().record();
      List<Operand<TFloat32>> weighted = new ArrayList<>();
      List<List<Output<?>>> perShard = new ArrayList<>();
      for (ShardedPass.Shard shard : shards) {
        Ops shardOps = train.withDevice(parallel.get().workers().get(shard.index()));
        Operand<TFloat32> total = withAuxLosses(shardOps, shard.loss(), shard.context().record());
        Operand<TFloat32> scaled = shardOps.math.mul(shard.weight(), total);
        weighted.add(scaled);
        String prefix = "shard_" + shard.index() + "_gradients";
        perShard.add(List.of(graph.addGradients(prefix, new Output<?>[] {scaled.asOutput()}, reads, null)));
        placeUnder(prefix + "/", DataParallel.deviceString(parallel.get().workers().get(shard.index())));
      }
      loss = train.withName("loss").math.addN(weighted);
      grads = new ArrayList<>();
      for (int i = 0; i < trainable.size(); i++) {
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (List<Output<?>> g : perShard) {
          parts.add(floats(g.get(i)));
        }
        grads.add(parts.size() == 1 ? parts.get(0) : variableOps(train, trainable.get(i)).math.addN(parts));
      }
    } else {
      record = pass.record();
      loss = train.withName("loss").identity(withAuxLosses(train, task.loss(), record));
      grads = new ArrayList<>();
      for (Output<?> g : graph.addGradients(loss.asOutput(), reads)) {
        grads.add(floats(g));
      }
    }
    diagnostics = record.diagnostics();
    List<Ops> gradientOps = trainable.stream().map(v -> variableOps(train, v)).toList();
    GlobalNormClip clip = GlobalNormClip.apply(train, grads, settings.gradClip(), gradientOps);
    gradNorm = clip.norm();
    Operand<TFloat32> t = train.dtypes.cast(train.math.add(step, train.constant(1L)), TFloat32.class);
    List<Op> updates = new ArrayList<>(
        settings.optimizer().update(train, variables, trainable, clip.gradients(), learningRate, t));
    // State (a memory bank) changes only once every gradient is computed: reads alias the buffer.
    Ops afterGrads = train.withControlDependencyOps(grads.stream().map(g -> (Operation) g.op()).toList());
    List<Op> all = new ArrayList<>(updates);
    for (PassRecord.StateUpdate u : record.stateUpdates()) {
      all.add(afterGrads.assign(u.variable(), u.value()));
    }
    all.addAll(plan.afterUpdate(train.withSubScope("averaging").withControlDependencies(updates), progress));
    trainOp = train.withControlDependencies(all).withName("train_op").noOp();
    fusedParameters = plan.fusedParameters(tf.withSubScope("fused"), tree, variables);
  }

  /** The loss plus the auxiliary losses (load balancing) a pass recorded. */
  private static Operand<TFloat32> withAuxLosses(Ops tf, Operand<TFloat32> loss, PassRecord record) {
    Operand<TFloat32> total = loss;
    for (Operand<TFloat32> aux : record.auxLosses().values()) {
      total = tf.math.add(total, aux);
    }
    return total;
  }

  /** Ops on the device of {@code v} (its parameter server), or {@code tf} when it has none. */
  private Ops variableOps(Ops tf, ModelVariable v) {
    return variables.device(v.name()).map(tf::withDevice).orElse(tf);
  }

  /**
   * Places every op named {@code prefix...} on {@code device}: the C API builds gradient ops without the
   * device scope of the ops they differentiate, so a shard's backward pass would otherwise run on the chief.
   */
  private void placeUnder(String prefix, String device) {
    for (java.util.Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.name().startsWith(prefix)) {
        GraphDevices.set(graph, op, device);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Output<?> o) {
    return (Output<TFloat32>) o;
  }

  /** The training graph of a task: its model, inputs, loss and evaluation. */
  public static <B> TrainingGraph<TaskGraph<B>> build(Task<B> task, ExpertPlan plan, long seed, StepSettings settings) {
    return new TrainingGraph<>(task.model(), task::attach, plan, seed, settings);
  }

  /**
   * The training graph of any model with the given task part (no data attached: fed by name or
   * through {@link #task}), e.g. {@code passes -> new Seq2SeqGraph(t5, 64, 16, passes)}.
   */
  public static <G extends TaskGraph<?>> TrainingGraph<G> build(
      Module model, TaskGraph.Factory<G> taskGraph, ExpertPlan plan, long seed, StepSettings settings) {
    return new TrainingGraph<>(model, taskGraph, plan, seed, settings);
  }

  /** An image classifier's training graph (no data attached: fed by name or through {@link #task}). */
  public static TrainingGraph<ImageClassificationGraph> build(
      ImageClassifier model, ExpertPlan plan, long seed, StepSettings settings) {
    return new TrainingGraph<>(model, passes -> new ImageClassificationGraph(model, passes), plan, seed, settings);
  }

  /** A dense image classifier: no expert sets. */
  public static TrainingGraph<ImageClassificationGraph> build(ImageClassifier model, long seed, StepSettings settings) {
    return build(model, ExpertPlan.dense(), seed, settings);
  }

  /** Parameters of the dense model, the one deployed after fusion. */
  public long parameterCount() {
    return tree.parameterCount();
  }

  /** Trainable scalars of this graph: experts, routers and mixing weights included. */
  public long trainingParameterCount() {
    return variables.withRole(ModelVariable.Role.TRAINABLE).stream().mapToLong(ModelVariable::size).sum();
  }

  @Override
  public void close() {
    graph.close();
  }
}

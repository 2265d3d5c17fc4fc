package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import io.expertize.testing.GradientChecker;
import io.expertize.train.Optimizer;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainingGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A training graph with a live session, driven step by step with fixed synthetic batches. */
final class GraphHarness implements AutoCloseable {
  final TrainingGraph<ImageClassificationGraph> graph;
  final Session session;
  final ImageClassifier model;
  private final int batch;
  private final float[] images;
  private final float[] targets;
  private final Map<String, Assignment> assignments = new java.util.HashMap<>();
  private long step;
  private long totalSteps = 100;

  GraphHarness(ImageClassifier model, ExpertPlan plan, Optimizer optimizer, int batch, long seed) {
    this.model = model;
    this.batch = batch;
    this.graph = TrainingGraph.build(model, plan, seed, new TrainingGraph.StepSettings(optimizer, OptionalDouble.empty()));
    this.session = new Session(graph.graph);
    session.initialize();
    Random r = new Random(seed);
    int pixels = model.imageSize() * model.imageSize() * model.channels();
    images = new float[batch * pixels];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) r.nextGaussian();
    }
    targets = new float[batch * model.numClasses()];
    for (int i = 0; i < batch; i++) {
      targets[i * model.numClasses() + r.nextInt(model.numClasses())] = 1f;
    }
  }

  static GraphHarness of(ImageClassifier model, Scheme scheme, int experts, Optimizer optimizer) {
    return new GraphHarness(model, plan(model, FusionOverrides.of(scheme, experts)), optimizer, 8, 11);
  }

  static ExpertPlan plan(ImageClassifier model, FusionOverrides overrides) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), overrides);
  }

  GraphHarness totalSteps(long total) {
    this.totalSteps = total;
    return this;
  }

  /** One optimizer step at {@code lr}; returns the loss. */
  float train(double lr) {
    try (TFloat32 x = imagesTensor(); TFloat32 y = targetsTensor(); TInt64 s = TInt64.scalarOf(step);
        TFloat32 l = TFloat32.scalarOf((float) lr); TFloat32 p = TFloat32.scalarOf((float) (step + 1) / totalSteps);
        Result r = session.runner().feed(graph.task.images, x).feed(graph.task.targets, y).feed(graph.step, s)
            .feed(graph.learningRate, l).feed(graph.progress, p).addTarget(graph.trainOp).fetch(graph.loss).run()) {
      step++;
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  float[] evalLogits() {
    try (TFloat32 x = imagesTensor(); Result r = session.runner().feed(graph.task.images, x).fetch(graph.task.evalLogits).run()) {
      return GradientChecker.read((TFloat32) r.get(0));
    }
  }

  /** The current value of a variable. */
  float[] value(String variable) {
    return fetch(graph.variables.get(variable).read());
  }

  float[] fetch(Operand<TFloat32> op) {
    try (TFloat32 x = imagesTensor(); TFloat32 y = targetsTensor(); TInt64 s = TInt64.scalarOf(step);
        Result r = session.runner().feed(graph.task.images, x).feed(graph.task.targets, y).feed(graph.step, s).fetch(op).run()) {
      return GradientChecker.read((TFloat32) r.get(0));
    }
  }

  /** Sets a variable (parameter, state or slot) to {@code values}. */
  void assign(String variable, float[] values) {
    assignAll(Map.of(variable, values));
  }

  /** Sets several variables in one run (each new op extends the session's graph: batch them). */
  void assignAll(Map<String, float[]> values) {
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new java.util.ArrayList<>();
    try {
      for (Map.Entry<String, float[]> e : values.entrySet()) {
        Assignment a = assignment(e.getKey());
        TFloat32 t = TFloat32.tensorOf(a.op().shape(), DataBuffers.of(e.getValue(), true, false));
        tensors.add(t);
        runner.feed(a.value(), t).addTarget(a.op());
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  // one placeholder and assign op per variable, made once: new ops per call would extend the graph each time
  private Assignment assignment(String variable) {
    ModelVariable v = graph.variables.get(variable);
    if (v == null) {
      throw new IllegalArgumentException("no variable " + variable);
    }
    return assignments.computeIfAbsent(variable, name -> {
      Ops tf = Ops.create(graph.graph).withSubScope("harness");
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
      return new Assignment(in, tf.assign(v.variable(), in));
    });
  }

  private record Assignment(Placeholder<TFloat32> value, Assign<TFloat32> op) {}

  /** Every trainable variable's name. */
  List<String> trainableNames() {
    return graph.variables.withRole(ModelVariable.Role.TRAINABLE).stream().map(ModelVariable::name).toList();
  }

  long step() {
    return step;
  }

  /** The training loss at the current step and variable values, without updating anything. */
  float loss() {
    return fetch(graph.loss)[0];
  }

  /** d loss / d variable for every trainable variable, by name (TF's symbolic gradients). */
  Map<String, float[]> gradients() {
    List<ModelVariable> vars = graph.variables.withRole(ModelVariable.Role.TRAINABLE);
    org.tensorflow.Output<?>[] grads = graph.graph.addGradients(
        graph.loss.asOutput(), vars.stream().map(v -> v.read().asOutput()).toArray(org.tensorflow.Output[]::new));
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
      out.put(vars.get(i).name(), fetch(g));
    }
    return out;
  }

  /** The dense model's parameters as deployed, by path. */
  Map<String, float[]> fusedParameters() {
    Map<String, float[]> out = new LinkedHashMap<>();
    List<String> names = List.copyOf(graph.fusedParameters.keySet());
    Session.Runner runner = session.runner();
    names.forEach(n -> runner.fetch(graph.fusedParameters.get(n)));
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), GradientChecker.read((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  private TFloat32 imagesTensor() {
    int s = model.imageSize();
    return TFloat32.tensorOf(Shape.of(batch, s, s, model.channels()), DataBuffers.of(images, true, false));
  }

  private TFloat32 targetsTensor() {
    return TFloat32.tensorOf(Shape.of(batch, model.numClasses()), DataBuffers.of(targets, true, false));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}

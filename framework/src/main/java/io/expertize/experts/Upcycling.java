package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.graph.CheckpointIndex;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.VariableStore;
import io.expertize.nn.Shapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Upcycling (docs/methods.md section 4): an expert run initialised from a dense checkpoint of the same
 * model. Runs once, right after the session's initializers, and never on a resumed run (its
 * checkpoint already holds the trained experts).
 *
 * <ul>
 *   <li>Every parameter the experts do not replace is copied as is.
 *   <li>Each stacked expert variable {@code [N, ...]} becomes N copies of its dense parameter. With
 *       {@code noise > 0} each copy gets Gaussian noise of std {@code noise · std(dense parameter)},
 *       drawn from the run seed and the variable's name, and centred over the experts: every expert
 *       deviates by that std, while the experts' mean stays the dense parameter exactly.
 *   <li>Routers, mixing weights (dw), memory banks (mb) and optimizer slots keep their fresh values.
 * </ul>
 *
 * <p>What the fused model is right after upcycling, per scheme: sw, EWA and dw (weights 1/N) fuse
 * into the dense model itself (mean of identical copies). mb fuses with its bank, which starts at
 * zero as published: the FFNs contribute nothing until the bank warms up ({@code Σ M = 1 - δ^t} after
 * t steps, so the fused FFN is {@code (1 - δ^t)} times the dense one while the copies are identical;
 * with {@code fusion.bias-corrected-bank} it is the dense FFN from the first step on). Top-k routes
 * each token to identical experts and scales the output by its gate (the router probability, about
 * 1/N with a fresh router), so it starts below the dense FFN; tokens over capacity skip it.
 */
public final class Upcycling {
  /** The configuration key naming the source, for messages. */
  static final String FROM_KEY = "fusion.upcycle-from";
  private static final int LISTED = 8;
  /** Upcycled values in flight at once, at most (plus one variable). */
  private static final long BATCH_BYTES = 256L << 20;

  private final Path checkpoint;
  private final Path variablesPrefix;
  private final double noise;

  /**
   * @param checkpoint the checkpoint directory, for messages
   * @param variablesPrefix its {@code Session.save} prefix ({@code <checkpoint>/variables})
   * @param noise relative std of the noise added to each expert copy, {@code >= 0}
   */
  public Upcycling(Path checkpoint, Path variablesPrefix, double noise) {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("fusion.upcycle-noise = " + noise + " must be a finite number >= 0");
    }
    this.checkpoint = checkpoint;
    this.variablesPrefix = variablesPrefix;
    this.noise = noise;
  }

  public Path checkpoint() {
    return checkpoint;
  }

  public double noise() {
    return noise;
  }

  /**
   * Checks that the checkpoint holds every dense parameter of {@code tree} with its shape, and
   * nothing that belongs to another model or to an expert run. Reads only the checkpoint's index.
   *
   * @throws ExpertizeException naming each missing or mis-shaped variable, expected vs found
   */
  public void check(ModuleTree tree) {
    Map<String, CheckpointIndex.Entry> found;
    try {
      found = CheckpointIndex.read(variablesPrefix);
    } catch (IOException e) {
      throw new ExpertizeException(FROM_KEY + ": cannot read the variable list of checkpoint " + checkpoint
          + " (" + e.getMessage() + "); it must be a checkpoint written by Expertize");
    }
    List<String> problems = problems(tree, found);
    if (!problems.isEmpty()) {
      throw new ExpertizeException(problems);
    }
  }

  /**
   * What the user should know before training: identical copies never diverge under sw/dw/mb, and
   * noise does nothing without experts.
   */
  public List<String> warnings(ExpertPlan plan) {
    Scheme s = plan.scheme();
    boolean fused = s == Scheme.STATIC || s == Scheme.DYNAMIC || s == Scheme.MEMORY_BANK;
    if (fused && noise == 0) {
      return List.of("fusion.init = upcycle with fusion.upcycle-noise = 0 under " + s.key() + ": every expert "
          + "starts as the same copy of its dense FFN, and identical copies never diverge under sw/dw/mb. The "
          + "layer computes the fused Ē = Σ w_i E_i, so ∂L/∂E_i = w_i · ∂L/∂Ē: all experts get the same gradient "
          + "direction and stay copies, and the run trains a dense model with N times the parameters. Set "
          + "fusion.upcycle-noise (e.g. 0.01) to break the symmetry.");
    }
    if (s == Scheme.DENSE && noise > 0) {
      return List.of("fusion.upcycle-noise = " + noise + " has no effect: this run has no expert sets "
          + "(fusion.scheme = dense), so the checkpoint is copied as is");
    }
    return List.of();
  }

  /**
   * Assigns the upcycled initial values in {@code session}, whose initializers have run: dense
   * parameters copied, expert stacks filled with copies (plus noise), everything else left fresh.
   *
   * @param variables the variables of the session's graph, built from {@code tree} and {@code plan}
   * @param seed the run seed the noise is drawn from
   */
  public void apply(Session session, ModuleTree tree, ExpertPlan plan, VariableStore variables, long seed) {
    check(tree);
    Map<ModelVariable, String> all = new LinkedHashMap<>(); // variable -> dense parameter it starts from
    for (NamedParam np : tree.params()) {
      ModelVariable v = variables.variable(np.param());
      if (v != null) {
        all.put(v, np.path());
      }
    }
    int copies = all.size(); // the rest are expert stacks
    for (ExpertSet set : plan.sets()) {
      for (StackedProjection p : set.projections()) {
        all.put(p.weight(), p.weightPath());
        if (p.bias() != null) {
          all.put(p.bias(), p.biasPath());
        }
      }
    }
    if (all.isEmpty()) {
      return;
    }
    Ops target = Ops.create((Graph) all.keySet().iterator().next().variable().env()).withSubScope("upcycle");
    try (Graph g = new Graph(); Session reader = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TString> prefix = tf.constant(variablesPrefix.toString());
      List<Assignment> batch = new ArrayList<>();
      long bytes = 0;
      int i = 0;
      for (Map.Entry<ModelVariable, String> e : all.entrySet()) {
        ModelVariable v = e.getKey();
        Operand<TFloat32> dense = read(tf, prefix, e.getValue());
        Operand<TFloat32> value = i++ < copies ? dense : stack(tf, dense, v, seed);
        Placeholder<TFloat32> in = target.placeholder(TFloat32.class, Placeholder.shape(v.variable().shape()));
        batch.add(new Assignment(v, value, in, target.assign(v.variable(), in)));
        bytes += 4 * v.size();
        if (bytes >= BATCH_BYTES) {
          run(reader, session, batch);
          batch.clear();
          bytes = 0;
        }
      }
      run(reader, session, batch);
    }
  }

  /** A value computed in the reader graph and the ops that assign it in the training graph. */
  private record Assignment(ModelVariable variable, Operand<TFloat32> value, Placeholder<TFloat32> in, Op assign) {}

  /**
   * Computes a batch of values in the reader session and assigns them in the training session, one
   * run each: every distinct run signature costs an executor, so runs are few, and batches bound
   * the memory the values take on their way.
   */
  private static void run(Session reader, Session session, List<Assignment> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Session.Runner compute = reader.runner();
    batch.forEach(a -> compute.fetch(a.value()));
    try (Result values = compute.run()) {
      Session.Runner assign = session.runner();
      for (int i = 0; i < batch.size(); i++) {
        Assignment a = batch.get(i);
        TFloat32 t = (TFloat32) values.get(i);
        if (!Arrays.equals(t.shape().asArray(), a.variable().variable().shape().asArray())) {
          throw new IllegalStateException(a.variable().name() + ": upcycled value has shape " + t.shape()
              + ", the variable " + a.variable().variable().shape()); // check() rules this out
        }
        assign.feed(a.in(), t).addTarget(a.assign());
      }
      try (Result done = assign.run()) {
        // assignments only: nothing fetched
      }
    }
  }

  @Override
  public String toString() {
    return "upcycling from " + checkpoint + (noise > 0 ? " with noise " + noise : "");
  }

  /** One dense tensor of the checkpoint. */
  private static Operand<TFloat32> read(Ops tf, Operand<TString> prefix, String name) {
    @SuppressWarnings("unchecked")
    Operand<TFloat32> t = (Operand<TFloat32>) tf.train.restore(
        prefix, tf.constant(StandardCharsets.UTF_8, new String[] {name}),
        tf.constant(StandardCharsets.UTF_8, new String[] {""}), List.of(TFloat32.class)).tensors().get(0);
    return t;
  }

  /** N copies of {@code dense} stacked on a new axis 0, plus the centred noise. */
  private Operand<TFloat32> stack(Ops tf, Operand<TFloat32> dense, ModelVariable target, long seed) {
    long[] dims = target.variable().shape().asArray();
    long[] multiples = new long[dims.length];
    Arrays.fill(multiples, 1);
    multiples[0] = dims[0];
    Operand<TFloat32> copies = tf.tile(tf.expandDims(dense, tf.constant(0)), Shapes.of(tf, multiples));
    if (noise == 0) {
      return copies;
    }
    int experts = (int) dims[0];
    Operand<TFloat32> z = tf.random.statelessRandomNormal(tf.constant(dims), tf.constant(seedFor(seed, target.name())));
    z = tf.math.sub(z, tf.math.mean(z, tf.constant(0), Mean.keepDims(true)));
    z = tf.math.mul(z, tf.constant((float) Math.sqrt(experts / (experts - 1.0)))); // centring took 1/N of the variance
    int[] all = IntStream.range(0, dims.length - 1).toArray();
    Operand<TFloat32> centred = tf.math.sub(dense, tf.math.mean(dense, tf.constant(all), Mean.keepDims(true)));
    Operand<TFloat32> std = tf.math.sqrt(tf.math.mean(tf.math.square(centred), tf.constant(all)));
    return tf.math.add(copies, tf.math.mul(tf.math.mul(std, tf.constant((float) noise)), z));
  }

  /** Seeds from the run seed and the variable name, as the variables' own initialisers are. */
  private static long[] seedFor(long runSeed, String name) {
    long h = 1125899906842597L;
    for (byte b : ("upcycle/" + name).getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return new long[] {runSeed, h};
  }

  private List<String> problems(ModuleTree tree, Map<String, CheckpointIndex.Entry> found) {
    Map<String, Shape> expected = new LinkedHashMap<>();
    tree.params().forEach(np -> expected.put(np.path(), np.param().shape()));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Shape> e : expected.entrySet()) {
      CheckpointIndex.Entry f = found.get(e.getKey());
      String want = Arrays.toString(e.getValue().asArray());
      if (f == null) {
        String expert = expertCounterpart(e.getKey(), found);
        wrong.add("  " + e.getKey() + ": expected " + want + ", not in the checkpoint"
            + (expert == null ? "" : " (it has " + expert + " " + found.get(expert) + " instead)"));
      } else if (f.dtype() != DataType.DT_FLOAT || !Arrays.equals(f.shape().asArray(), e.getValue().asArray())) {
        wrong.add("  " + e.getKey() + ": expected " + want + ", found " + f);
      }
    }
    List<String> experts = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    for (Map.Entry<String, CheckpointIndex.Entry> f : found.entrySet()) {
      String name = f.getKey();
      if (name.contains("/") || expected.containsKey(name)) {
        continue; // optimizer slots (name/adam_m) follow their variable
      }
      (name.contains(".experts.") ? experts : foreign).add(name + " " + f.getValue());
    }
    List<String> problems = new ArrayList<>();
    if (!experts.isEmpty()) {
      problems.add(FROM_KEY + ": checkpoint " + checkpoint + " was trained with experts, not dense: it holds "
          + listed(experts) + ". Upcycle from a run of this model trained with fusion.scheme=dense.");
    }
    if (!wrong.isEmpty() || !foreign.isEmpty()) {
      problems.add(FROM_KEY + ": checkpoint " + checkpoint + " does not hold the dense parameters of this model "
          + "(upcycling needs a checkpoint of the same model, with the same model.* settings, trained with "
          + "fusion.scheme=dense):");
      problems.addAll(wrong.subList(0, Math.min(LISTED, wrong.size())));
      if (wrong.size() > LISTED) {
        problems.add("  ... and " + (wrong.size() - LISTED) + " more parameters missing or mis-shaped");
      }
      if (!foreign.isEmpty() && experts.isEmpty()) {
        problems.add("  variables this model does not have: " + listed(foreign));
      }
    }
    return problems;
  }

  /** The stacked-expert name of a dense parameter ({@code a.mlp.experts.fc1.weight}), if the checkpoint has one. */
  private static String expertCounterpart(String densePath, Map<String, CheckpointIndex.Entry> found) {
    for (int i = densePath.lastIndexOf('.'); i > 0; i = densePath.lastIndexOf('.', i - 1)) {
      String candidate = densePath.substring(0, i) + ".experts" + densePath.substring(i);
      if (found.containsKey(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String listed(List<String> names) {
    int shown = Math.min(3, names.size());
    return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
  }
}

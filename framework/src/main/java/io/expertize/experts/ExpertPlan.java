package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.graph.Initializer;
import io.expertize.graph.Module;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import io.expertize.graph.VariableStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How one model trains with experts: the resolved scheme and an expert set for every chosen
 * feed-forward network. Built by a builder (the generated one, or {@link ReflectiveExpertBuilder})
 * and consumed by the graph builder, which asks it which parameters the sets replace, which
 * variables they add, what to run after each optimizer step, and what dense model they fuse into.
 */
public final class ExpertPlan {
  private final FusionSettings settings;
  private final List<ExpertSet> sets;
  private final List<ExpertField> fields;
  private final List<String> warnings;
  private final List<ExpertSet> startAsMeanOf;

  /** One {@code @Expertize} field as resolved: where it is declared, its experts and placement. */
  public record ExpertField(String field, int experts, String placement, List<String> layers) {}

  ExpertPlan(FusionSettings settings, List<ExpertSet> sets, List<ExpertField> fields, List<String> warnings) {
    this(settings, sets, fields, warnings, List.of());
  }

  private ExpertPlan(FusionSettings settings, List<ExpertSet> sets, List<ExpertField> fields, List<String> warnings,
      List<ExpertSet> startAsMeanOf) {
    this.settings = settings;
    this.sets = List.copyOf(sets);
    this.fields = List.copyOf(fields);
    this.warnings = List.copyOf(warnings);
    this.startAsMeanOf = List.copyOf(startAsMeanOf);
  }

  /**
   * The dense model, its FFNs (those {@code staticPlan}'s sets replace) starting as the mean of their
   * experts' initial draws: exactly the fused FFN that sw trains from with the same seed. The control
   * that tells a gain of sw from a gain of a smaller initialisation ({@code model.ffn-init-mean-of}).
   */
  public static ExpertPlan denseStartingAsMeanOf(ExpertPlan staticPlan) {
    return new ExpertPlan(FusionSettings.defaults(Scheme.DENSE), List.of(), List.of(), staticPlan.warnings(),
        staticPlan.sets());
  }

  /** No experts: the model as written. */
  public static ExpertPlan dense() {
    return new ExpertPlan(FusionSettings.defaults(Scheme.DENSE), List.of(), List.of(), List.of());
  }

  public Scheme scheme() {
    return sets.isEmpty() ? Scheme.DENSE : settings.scheme();
  }

  public FusionSettings settings() {
    return settings;
  }

  public List<ExpertSet> sets() {
    return sets;
  }

  public List<ExpertField> fields() {
    return fields;
  }

  /** Things worth telling the user that are not errors (an @Expertize without @FusionScheme). */
  public List<String> warnings() {
    return warnings;
  }

  public boolean replaces(Param p) {
    for (ExpertSet s : sets) {
      if (s.replaces(p)) {
        return true;
      }
    }
    return false;
  }

  /** Declares the dense parameters the sets do not replace, then every set's variables. */
  public void declare(VariableStore store, ModuleTree tree) {
    Map<Param, Initializer> initial = new IdentityHashMap<>();
    startAsMeanOf.forEach(s -> initial.putAll(s.meanOfExpertsAtStart(store, tree)));
    store.addParameters(tree, this::replaces, initial);
    for (ExpertSet s : sets) {
      s.declare(store, tree);
    }
  }

  /** The forward-pass overrides: each replaced FFN maps to its set. */
  public Map<Module, Object> overrides() {
    Map<Module, Object> out = new IdentityHashMap<>();
    for (ExpertSet s : sets) {
      out.put(s.ffn(), s);
    }
    return out;
  }

  /**
   * Ops to run after every optimizer step (EWA averaging); {@code tf} waits for the updates.
   *
   * @param progress fraction of training done after this step, {@code (step + 1) / total}
   */
  public List<Op> afterUpdate(Ops tf, Operand<TFloat32> progress) {
    List<Op> ops = new ArrayList<>();
    if (!ExpertAveraging.applies(settings)) {
      return ops;
    }
    Operand<TFloat32> beta = ExpertAveraging.shareRate(tf, settings, progress);
    for (ExpertSet s : sets) {
      for (ModelVariable v : s.expertVariables()) {
        ops.add(ExpertAveraging.average(tf, v, beta));
      }
    }
    return ops;
  }

  /**
   * Every parameter of the dense model, keyed by its path in walk order, as the deployed model holds
   * it: fused from the experts where a set stands in, read from {@code source} elsewhere.
   */
  public Map<String, Operand<TFloat32>> fusedParameters(Ops tf, ModuleTree tree, ParamSource source) {
    Map<String, Operand<TFloat32>> fused = new LinkedHashMap<>();
    for (ExpertSet s : sets) {
      fused.putAll(s.fusedParameters(tf));
    }
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    for (NamedParam np : tree.params()) {
      Operand<TFloat32> value = fused.get(np.path());
      out.put(np.path(), value != null ? value : source.read(np.param()));
    }
    return out;
  }

  /**
   * Everything this plan decides, one line each: scheme and settings, each field as resolved, each
   * set's kind, path and experts, each warning. Two builders agree when these lines do.
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(scheme() + " " + settings);
    fields.forEach(f -> lines.add("field " + f));
    sets.forEach(s -> lines.add("set " + s.getClass().getSimpleName() + " " + s.path() + " " + s.experts()));
    startAsMeanOf.forEach(s -> lines.add("dense " + s.path() + " starts as the mean of " + s.experts() + " draws"));
    warnings.forEach(w -> lines.add("warning " + w));
    return lines;
  }

  /** False for top-k: its fused parameters are the experts' mean, not what it computes. */
  public boolean exactlyFusible() {
    return sets.stream().allMatch(ExpertSet::exactlyFusible);
  }
}

package io.expertize.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The explicit variable registry of one graph: trainable parameters, state and optimizer slots, each
 * a VariableV2 (the only kind TF Java's saver writes) named by its path, so checkpoint and SavedModel
 * variable names read like timm's. Initial values come from the run seed and the variable's name.
 */
public final class VariableStore implements ParamSource {
  private final Ops tf;
  private final long runSeed;
  private final Map<String, ModelVariable> byName = new LinkedHashMap<>();
  private final Map<Param, ModelVariable> byParam = new IdentityHashMap<>();
  private final VariablePlacement placement;
  private final Map<String, DeviceSpec> devices = new LinkedHashMap<>();

  public VariableStore(Ops tf, long runSeed) {
    this(tf, runSeed, VariablePlacement.UNPLACED);
  }

  /** Variables (with their initial values and reads) on the devices {@code placement} chooses. */
  public VariableStore(Ops tf, long runSeed, VariablePlacement placement) {
    this.tf = tf;
    this.runSeed = runSeed;
    this.placement = Objects.requireNonNull(placement);
  }

  /** Creates one trainable variable per parameter of the tree, in walk order. */
  public void addParameters(ModuleTree tree) {
    addParameters(tree, p -> false);
  }

  /**
   * Creates one trainable variable per parameter of the tree that is not {@code replaced} (by an
   * expert set, which declares its own variables in the parameter's place), in walk order.
   */
  public void addParameters(ModuleTree tree, Predicate<Param> replaced) {
    addParameters(tree, replaced, Map.of());
  }

  /**
   * As {@link #addParameters(ModuleTree, Predicate)}, with {@code initialValues} standing in for the
   * initializers of some parameters (a dense control that starts where an expert set's fusion starts).
   */
  public void addParameters(ModuleTree tree, Predicate<Param> replaced, Map<Param, Initializer> initialValues) {
    for (NamedParam np : tree.params()) {
      if (!replaced.test(np.param())) {
        Param p = np.param();
        byParam.put(p, addTrainable(np.path(), p.shape(), initialValues.getOrDefault(p, p.initializer()), p.kind()));
      }
    }
  }

  /** A trainable variable that no module declares (stacked experts, a router, mixing weights). */
  public ModelVariable addTrainable(String name, Shape shape, Initializer init, ParamKind kind) {
    return create(name, ModelVariable.Role.TRAINABLE, shape, init, Objects.requireNonNull(kind));
  }

  public ModelVariable addState(String name, Shape shape, Initializer init) {
    return create(name, ModelVariable.Role.STATE, shape, init, null);
  }

  /** An optimizer slot named {@code <variable>/<slot>}, on its variable's device. */
  public ModelVariable addSlot(String name, Shape shape) {
    return create(name, ModelVariable.Role.SLOT, shape, Initializer.zeros(), null);
  }

  /** The device a variable was placed on, if any. */
  public Optional<DeviceSpec> device(String name) {
    return Optional.ofNullable(devices.get(name));
  }

  @Override
  public Operand<TFloat32> read(Param param) {
    ModelVariable v = byParam.get(param);
    if (v == null) {
      throw new IllegalArgumentException("no variable for parameter " + param + ": was the model tree added, or does an expert set stand in for it?");
    }
    return v.read();
  }

  public ModelVariable variable(Param param) {
    return byParam.get(param);
  }

  public ModelVariable get(String name) {
    return byName.get(name);
  }

  public List<ModelVariable> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  public List<ModelVariable> withRole(ModelVariable.Role role) {
    return byName.values().stream().filter(v -> v.role() == role).toList();
  }

  private ModelVariable create(String name, ModelVariable.Role role, Shape shape, Initializer init, ParamKind kind) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("variable '" + name + "' is defined twice");
    }
    Optional<DeviceSpec> device = role == ModelVariable.Role.SLOT && name.contains("/")
        ? Optional.ofNullable(devices.get(name.substring(0, name.lastIndexOf('/'))))
        : placement.deviceFor(name, shape);
    Ops placed = device.map(tf::withDevice).orElse(tf);
    device.ifPresent(d -> devices.put(name, d));
    Variable<TFloat32> var = Variable.create(named(placed, name), shape, TFloat32.class);
    Ops initScope = placed.withInitScope();
    Assign.create(named(initScope, name + "/init"), var, init.initialValue(initScope, shape, seedFor(name)));
    Operand<TFloat32> read = Identity.create(named(placed, name + "/read"), var);
    ModelVariable v = new ModelVariable(name, role, var, read, kind);
    byName.put(name, v);
    return v;
  }

  /** The scope of one op named {@code name}: TF Java rejects '/' inside withName (notes item 11). */
  private static Scope named(Ops tf, String name) {
    return new FixedNameScope(tf.scope(), name);
  }

  /**
   * Seeds from the run seed and the name: a parameter's draw does not depend on build order. Public so
   * that an initial value can be drawn as another variable of the same run would be.
   */
  public long[] seedFor(String name) {
    long h = 1125899906842597L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return new long[] {runSeed, h};
  }
}

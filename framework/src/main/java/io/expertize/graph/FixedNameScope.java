package io.expertize.graph;

import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;

/**
 * A scope that gives the one op built in it a fixed full name ({@code blocks.0.attn.qkv.weight/adam_m},
 * slashes allowed) and otherwise behaves as {@code base} (control dependencies, device, init scope).
 * TF Java's {@code withSubScope} walks every operation of the graph on each call, so naming each
 * variable through sub-scopes made building a model's optimizer state quadratic in the model's size.
 */
final class FixedNameScope implements Scope {
  private final Scope base;
  private final String name;

  FixedNameScope(Scope base, String name) {
    this.base = base;
    this.name = name;
  }

  @Override
  public String makeOpName(String defaultName) {
    return name;
  }

  @Override
  public ExecutionEnvironment env() {
    return base.env();
  }

  @Override
  public Scope withSubScope(String childScopeName) {
    return base.withSubScope(childScopeName);
  }

  @Override
  public Scope withName(String opName) {
    return base.withName(opName);
  }

  @Override
  public Scope withNameAsSubScope(String defaultName) {
    return base.withNameAsSubScope(defaultName);
  }

  @Override
  public Scope withDevice(DeviceSpec deviceSpec) {
    return new FixedNameScope(base.withDevice(deviceSpec), name);
  }

  @Override
  public Scope withInitScope() {
    return new FixedNameScope(base.withInitScope(), name);
  }

  @Override
  public String makeUnique(String id) {
    return base.makeUnique(id);
  }

  @Override
  public void refreshNames() {
    base.refreshNames();
  }

  @Override
  public Scope withControlDependencyOps(Iterable<Operation> controls) {
    return new FixedNameScope(base.withControlDependencyOps(controls), name);
  }

  @Override
  public OperationBuilder apply(OperationBuilder builder) {
    return base.apply(builder);
  }

  @Override
  public String getDeviceString() {
    return base.getDeviceString();
  }

  @Override
  public boolean isInit() {
    return base.isInit();
  }
}

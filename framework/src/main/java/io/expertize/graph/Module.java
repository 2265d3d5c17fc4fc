package io.expertize.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Base of every layer, block and model. A module declares its own parameters in its constructor
 * (name, kind, static shape) and holds its children as ordinary fields: single modules or lists of
 * modules. {@link ModuleTree} walks those fields to name every parameter by path, the way timm does
 * ({@code blocks.3.mlp.fc1.weight}), so no module registers its children by hand.
 *
 * <p>Constructors only declare; computing happens in each module's forward method, given a
 * {@link ForwardContext} that resolves parameters to graph values.
 */
public abstract class Module {
  private final List<Param> params = new ArrayList<>();

  protected final Param param(String name, ParamKind kind, long... shape) {
    return param(name, kind, kind.defaultInitializer(), shape);
  }

  protected final Param param(String name, ParamKind kind, Initializer initializer, long... shape) {
    for (Param p : params) {
      if (p.localName().equals(name)) {
        throw new IllegalArgumentException(
            getClass().getSimpleName() + " declares parameter '" + name + "' twice");
      }
    }
    Param p = new Param(name, kind, shape, initializer);
    params.add(p);
    return p;
  }

  /** Parameters declared by this module itself, in declaration order (children excluded). */
  public final List<Param> ownParams() {
    return Collections.unmodifiableList(params);
  }
}

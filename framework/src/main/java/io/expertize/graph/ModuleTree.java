package io.expertize.graph;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reflective view of a model: every module and parameter with its timm-style path. Fields are
 * visited superclass first, in declaration order; lists are indexed ({@code blocks.0}). A module
 * reachable twice (a shared embedding) is named where it is first met. What a field holds decides,
 * not its modifiers: every field holding a {@link Module} or a {@link List} of them is walked (Java's
 * {@code transient}, a serialization flag, means nothing here), and any other field is ignored.
 */
public final class ModuleTree {
  private final Module root;
  private final Map<Module, String> modulePaths = new IdentityHashMap<>();
  private final List<Module> walkOrder = new ArrayList<>();
  private final List<NamedParam> params = new ArrayList<>();
  private final Map<Param, String> paramPaths = new IdentityHashMap<>();

  private ModuleTree(Module root) {
    this.root = root;
    visit(root, "");
  }

  public static ModuleTree of(Module root) {
    return new ModuleTree(root);
  }

  public Module root() {
    return root;
  }

  /** Every parameter in walk order. */
  public List<NamedParam> params() {
    return Collections.unmodifiableList(params);
  }

  public String pathOf(Param p) {
    String path = paramPaths.get(p);
    if (path == null) {
      throw new IllegalArgumentException("parameter " + p + " does not belong to this model");
    }
    return path;
  }

  public String pathOf(Module m) {
    String path = modulePaths.get(m);
    if (path == null) {
      throw new IllegalArgumentException(m.getClass().getSimpleName() + " is not part of this model");
    }
    return path;
  }

  /** Modules with their paths, in walk order (the root has the empty path). */
  public Map<String, Module> modules() {
    Map<String, Module> byPath = new LinkedHashMap<>();
    walkOrder.forEach(m -> byPath.put(modulePaths.get(m), m));
    return byPath;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    return params.stream().mapToLong(np -> np.param().size()).sum();
  }

  private void visit(Module module, String path) {
    if (modulePaths.containsKey(module)) {
      return;
    }
    modulePaths.put(module, path);
    walkOrder.add(module);
    for (Param p : module.ownParams()) {
      String full = join(path, p.localName());
      if (full.isEmpty()) {
        throw new IllegalStateException("the root module cannot own an unnamed parameter");
      }
      params.add(new NamedParam(full, p, module));
      paramPaths.put(p, full);
    }
    for (Field f : fieldsOf(module.getClass())) {
      Object value = read(f, module);
      String name = join(path, segment(f));
      if (value instanceof Module child) {
        visit(child, name);
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Module child) {
            visit(child, join(name, Integer.toString(i)));
          }
        }
      }
    }
  }

  /**
   * The instance fields a walk visits on a module of {@code type}: superclass first, declaration
   * order, {@link Module}'s own excluded. Builders reading annotations on fields use the same order.
   */
  public static List<Field> fieldsOf(Class<?> type) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Module.class && c != Object.class; c = c.getSuperclass()) {
      chain.push(c);
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  private static Object read(Field f, Module owner) {
    try {
      f.setAccessible(true);
      return f.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read field '" + f.getName() + "' of " + owner.getClass().getName()
              + ": make it accessible to the framework (open the package to io.expertize)", e);
    }
  }

  private static String segment(Field f) {
    PathName override = f.getAnnotation(PathName.class);
    return override != null ? override.value() : snakeCase(f.getName());
  }

  /** {@code patchEmbed} becomes {@code patch_embed}, {@code fc1} stays {@code fc1}. */
  static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "." + b;
  }
}

package io.expertize.experts;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.FeedForwardNetwork;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a model's {@link ExpertPlan} from its annotations at run time, for classes the annotation
 * processor has not seen. Reads {@code @FusionScheme} on the model class and every
 * {@code @Expertize} field of every module in model order, applies the configuration's overrides,
 * and rejects what cannot be built with errors naming the class, field and value.
 */
public final class ReflectiveExpertBuilder {
  private ReflectiveExpertBuilder() {}

  public static ExpertPlan build(ModuleTree tree, FusionOverrides overrides) {
    Class<?> modelClass = tree.root().getClass();
    FusionScheme annotation = modelClass.getAnnotation(FusionScheme.class);
    FusionSettings base = annotation != null ? FusionSettings.of(annotation) : FusionSettings.defaults(Scheme.DENSE);
    FusionSettings settings = overrides.applyTo(base);
    List<String> problems = new ArrayList<>(settings.problems(
        "@FusionScheme on " + modelClass.getName() + (overrides.equals(FusionOverrides.none()) ? "" : " (with fusion.* overrides)")));
    Map<Field, List<Occurrence>> fields = expertizedFields(tree, problems);

    List<String> warnings = new ArrayList<>();
    if (settings.scheme() == Scheme.DENSE) {
      if (annotation == null && overrides.scheme() == null && !fields.isEmpty()) {
        warnings.add(modelClass.getName() + " has @Expertize fields but no @FusionScheme: it trains dense. "
            + "Annotate the class with @FusionScheme or set fusion.scheme.");
      }
      throwIfAny(problems);
      return new ExpertPlan(settings, List.of(), List.of(), warnings);
    }
    if (fields.isEmpty() && problems.isEmpty()) {
      problems.add("fusion.scheme = " + settings.scheme().key() + ", but " + modelClass.getName()
          + " has no @Expertize field: mark the feed-forward fields (FeedForwardNetwork) to train as experts");
    }

    List<ExpertSet> sets = new ArrayList<>();
    List<ExpertPlan.ExpertField> described = new ArrayList<>();
    for (Map.Entry<Field, List<Occurrence>> e : fields.entrySet()) {
      Field field = e.getKey();
      String name = field.getDeclaringClass().getName() + "." + field.getName();
      Expertize ann = field.getAnnotation(Expertize.class);
      int experts = overrides.experts() != null ? overrides.experts() : ann.experts();
      String placementSpec = overrides.placement() != null ? overrides.placement() : ann.placement();
      String source = overrides.experts() != null ? "fusion.experts" : "@Expertize(experts) on " + name;
      if (experts < 1) {
        problems.add(source + " = " + experts + ": a set needs at least 1 expert (1 keeps the FFN dense)");
        continue;
      }
      if (settings.scheme() == Scheme.TOP_K && settings.k() > experts) {
        problems.add("k = " + settings.k() + " exceeds the " + experts + " experts of " + name
            + " (" + source + "): choose k <= experts");
        continue;
      }
      List<Occurrence> occ = e.getValue();
      boolean[] chosen;
      try {
        chosen = Placement.parse(placementSpec).select(occ.size());
      } catch (IllegalArgumentException bad) {
        String where = overrides.placement() != null ? "fusion.placement" : "@Expertize(placement) on " + name;
        problems.add(where + ": " + bad.getMessage() + " (" + name + " occurs " + occ.size() + " times)");
        continue;
      }
      List<String> layers = new ArrayList<>();
      for (int i = 0; i < occ.size(); i++) {
        if (chosen[i] && experts > 1) {
          sets.add(create(settings, occ.get(i).path(), occ.get(i).ffn(), experts));
          layers.add(occ.get(i).path());
        }
      }
      described.add(new ExpertPlan.ExpertField(name, experts, Placement.parse(placementSpec).spec(), layers));
    }
    throwIfAny(problems);
    return new ExpertPlan(settings, sets, described, warnings);
  }

  private static ExpertSet create(FusionSettings s, String path, FeedForwardNetwork ffn, int experts) {
    return switch (s.scheme()) {
      case STATIC -> new StaticFusion(path, ffn, experts, s);
      case DYNAMIC -> new DynamicFusion(path, ffn, experts, s);
      case MEMORY_BANK -> new MemoryBankFusion(path, ffn, experts, s);
      case EWA -> new EwaExperts(path, ffn, experts, s);
      case TOP_K -> new TopKExperts(path, ffn, experts, s);
      case DENSE -> throw new IllegalArgumentException("dense has no expert sets");
    };
  }

  /** One FFN reached through an {@code @Expertize} field, with its path. */
  private record Occurrence(String path, FeedForwardNetwork ffn) {}

  /** Every {@code @Expertize} field with its FFNs in model order; misplaced annotations become problems. */
  private static Map<Field, List<Occurrence>> expertizedFields(ModuleTree tree, List<String> problems) {
    Map<Field, List<Occurrence>> fields = new LinkedHashMap<>();
    for (Module m : tree.modules().values()) {
      for (Field f : fieldsOf(m.getClass())) {
        if (!f.isAnnotationPresent(Expertize.class)) {
          continue;
        }
        List<FeedForwardNetwork> ffns = ffnsIn(f, m);
        if (ffns == null) {
          String message = "@Expertize on " + f.getDeclaringClass().getName() + "." + f.getName()
              + ": needs a FeedForwardNetwork field (or a List of them); '" + f.getName() + "' is a "
              + f.getType().getSimpleName() + "." + suggestion(f.getDeclaringClass());
          if (!problems.contains(message)) {
            problems.add(message);
          }
          continue;
        }
        List<Occurrence> occ = fields.computeIfAbsent(f, k -> new ArrayList<>());
        for (FeedForwardNetwork ffn : ffns) {
          occ.add(new Occurrence(tree.pathOf(ffn), ffn));
        }
      }
    }
    return fields;
  }

  /** The FFNs held by {@code f} of {@code owner}, or null when it holds something else. */
  private static List<FeedForwardNetwork> ffnsIn(Field f, Module owner) {
    Object value = read(f, owner);
    if (value instanceof FeedForwardNetwork ffn) {
      return List.of(ffn);
    }
    if (value == null) {
      return FeedForwardNetwork.class.isAssignableFrom(f.getType()) ? List.of() : null;
    }
    if (value instanceof List<?> list && list.stream().allMatch(FeedForwardNetwork.class::isInstance)) {
      return list.stream().map(FeedForwardNetwork.class::cast).toList();
    }
    return null;
  }

  private static String suggestion(Class<?> type) {
    List<String> ffnFields = new ArrayList<>();
    for (Field f : fieldsOf(type)) {
      if (FeedForwardNetwork.class.isAssignableFrom(f.getType())) {
        ffnFields.add("'" + f.getName() + "'");
      }
    }
    return ffnFields.isEmpty() ? "" : " Did you mean " + String.join(" or ", ffnFields) + "?";
  }

  private static List<Field> fieldsOf(Class<?> type) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.push(c);
    }
    List<Field> out = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static Object read(Field f, Module owner) {
    try {
      f.setAccessible(true);
      return f.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExpertizeException("cannot read @Expertize field " + f.getDeclaringClass().getName() + "." + f.getName()
          + ": open its package to io.expertize (" + e.getMessage() + ")");
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ExpertizeException(problems);
    }
  }
}

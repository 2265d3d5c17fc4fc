package io.expertize.experts;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.FeedForwardNetwork;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    String annotated = annotation == null ? modelClass.getName() : declaringClass(modelClass).getName();
    FusionSettings base = annotation != null ? FusionSettings.of(annotation) : FusionSettings.defaults(Scheme.DENSE);
    FusionSettings settings = overrides.applyTo(base);
    FusionSettings.Source source = (attribute, value) -> overrides.isSet(attribute)
        ? FusionOverrides.key(attribute) + " = " + value
        : "@FusionScheme(" + attribute + " = " + value + ") on " + annotated;
    List<String> problems = new ArrayList<>(settings.problems(source));
    List<String> warnings = new ArrayList<>();
    List<String> misplaced = new ArrayList<>();
    Map<Field, List<Occurrence>> fields = expertizedFields(tree, misplaced, warnings);
    problems.addAll(misplaced);
    boolean dense = settings.scheme() == Scheme.DENSE;

    String schemeSource = overrides.scheme() != null
        ? "fusion.scheme = " + settings.scheme().key()
        : "@FusionScheme(" + settings.scheme() + ") on " + annotated;
    if (!dense && fields.isEmpty() && misplaced.isEmpty()) {
      problems.add(schemeSource + ", but " + modelClass.getName() + " has no @Expertize field: annotate its "
          + "feed-forward fields (FeedForwardNetwork) with @Expertize, or train it dense with fusion.scheme=dense");
    } else if (!dense && !fields.isEmpty() && fields.values().stream().allMatch(List::isEmpty)) {
      problems.add(schemeSource + ", but every @Expertize field of " + modelClass.getName() + " is null ("
          + String.join(", ", fields.keySet().stream().map(ReflectiveExpertBuilder::nameOf).toList())
          + "): there is no feed-forward layer to train as experts; build them, or train dense with fusion.scheme=dense");
    }
    if (dense && annotation == null && overrides.scheme() == null && !fields.isEmpty()) {
      warnings.add(modelClass.getName() + " has @Expertize fields but no @FusionScheme: it trains dense. "
          + "Annotate the class with @FusionScheme or set fusion.scheme (sw, dw, mb, ewa or topk).");
    }

    List<Occurrence> chosenOccurrences = new ArrayList<>();
    List<ExpertPlan.ExpertField> described = new ArrayList<>();
    for (Map.Entry<Field, List<Occurrence>> e : fields.entrySet()) {
      Field field = e.getKey();
      String name = nameOf(field);
      Expertize ann = field.getAnnotation(Expertize.class);
      int experts = overrides.experts() != null ? overrides.experts() : ann.experts();
      String expertsSource = overrides.experts() != null
          ? "fusion.experts = " + experts
          : "@Expertize(experts = " + experts + ")";
      String placementSpec = overrides.placement() != null ? overrides.placement() : ann.placement();
      boolean valid = true;
      if (experts < 1) {
        problems.add((overrides.experts() != null ? expertsSource + " (applied to " + name + ")" : expertsSource + " on " + name)
            + ": must be at least 1 (1 keeps the FFN dense; published default 4)");
        valid = false;
      } else if (settings.scheme() == Scheme.TOP_K && experts > 1 && settings.k() > experts) { // 1 expert = dense
        problems.add(source.describe("k", settings.k()) + " exceeds the " + experts + " experts of " + name + " ("
            + expertsSource + "): top-k sends each token to k of the experts, so k must be at most " + experts);
        valid = false;
      }
      List<Occurrence> occ = e.getValue();
      Placement placement = null;
      boolean[] chosen = null;
      try {
        placement = Placement.parse(placementSpec);
        chosen = placement.select(occ.size());
      } catch (IllegalArgumentException bad) {
        String where = overrides.placement() != null
            ? "fusion.placement = \"" + placementSpec + "\" (applied to " + name + ")"
            : "@Expertize(placement = \"" + placementSpec + "\") on " + name;
        problems.add(where + ": " + bad.getMessage());
        valid = false;
      }
      if (!valid || dense) {
        continue;
      }
      List<String> layers = new ArrayList<>();
      for (int i = 0; i < occ.size(); i++) {
        if (chosen[i] && experts > 1) {
          chosenOccurrences.add(occ.get(i).withExperts(experts));
          layers.add(occ.get(i).path());
        }
      }
      if (experts > 1 && !occ.isEmpty() && layers.isEmpty()) {
        warnings.add(name + ": placement '" + placement.spec() + "' chooses none of its " + occ.size()
            + " occurrences, so it trains dense");
      }
      described.add(new ExpertPlan.ExpertField(name, experts, placement.spec(), layers));
    }
    throwIfAny(problems);
    if (dense) {
      return new ExpertPlan(settings, List.of(), List.of(), warnings);
    }
    List<ExpertSet> sets = new ArrayList<>();
    chosenOccurrences.stream()
        .sorted(Comparator.comparingInt(Occurrence::order))
        .forEach(o -> sets.add(create(settings, o.path(), o.ffn(), o.experts())));
    return new ExpertPlan(settings, sets, described, warnings);
  }

  /** The class in {@code type}'s chain that declares its (inherited) {@code @FusionScheme}. */
  private static Class<?> declaringClass(Class<?> type) {
    Class<?> c = type;
    while (c.getDeclaredAnnotation(FusionScheme.class) == null && c.getSuperclass() != null) {
      c = c.getSuperclass();
    }
    return c.getDeclaredAnnotation(FusionScheme.class) != null ? c : type;
  }

  private static String nameOf(Field f) {
    return f.getDeclaringClass().getName() + "." + f.getName();
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

  /** One FFN reached through an {@code @Expertize} field: its path, its rank in model order, its experts. */
  private record Occurrence(String path, FeedForwardNetwork ffn, int order, int experts) {
    Occurrence withExperts(int n) {
      return new Occurrence(path, ffn, order, n);
    }
  }

  /**
   * Every {@code @Expertize} field with its FFNs, both in model order (the order of {@link ModuleTree}'s
   * walk: fields superclass first, lists by index); misplaced annotations become problems, null FFN
   * fields warnings.
   */
  private static Map<Field, List<Occurrence>> expertizedFields(ModuleTree tree, List<String> problems, List<String> warnings) {
    Map<Module, Integer> order = new IdentityHashMap<>();
    List<Module> modules = new ArrayList<>(tree.modules().values()); // walk order
    modules.forEach(m -> order.put(m, order.size()));
    Map<Field, List<Occurrence>> fields = new LinkedHashMap<>();
    Set<FeedForwardNetwork> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Module m : modules) {
      for (Field f : ModuleTree.fieldsOf(m.getClass())) {
        if (!f.isAnnotationPresent(Expertize.class)) {
          continue;
        }
        Object value = read(f, m);
        String misplaced = notFeedForward(f, value);
        if (misplaced != null) {
          if (!problems.contains(misplaced)) {
            problems.add(misplaced);
          }
          continue;
        }
        List<Occurrence> occ = fields.computeIfAbsent(f, k -> new ArrayList<>());
        if (value == null) {
          String owner = tree.pathOf(m);
          warnings.add(nameOf(f) + " is null in " + (owner.isEmpty() ? "the model" : "'" + owner + "'")
              + ": there is no feed-forward layer to expertize, it is skipped");
          continue;
        }
        List<?> ffns = value instanceof List<?> list ? list : List.of(value);
        for (Object o : ffns) {
          FeedForwardNetwork ffn = (FeedForwardNetwork) o;
          if (seen.add(ffn)) { // a shared FFN becomes one set, where the walk first meets it
            occ.add(new Occurrence(tree.pathOf(ffn), ffn, order.get(ffn), 0));
          }
        }
      }
    }
    fields.values().forEach(occ -> occ.sort(Comparator.comparingInt(Occurrence::order)));
    List<Map.Entry<Field, List<Occurrence>>> byFirst = new ArrayList<>(fields.entrySet());
    byFirst.sort(Comparator.comparingInt(e -> e.getValue().isEmpty() ? Integer.MAX_VALUE : e.getValue().get(0).order()));
    Map<Field, List<Occurrence>> sorted = new LinkedHashMap<>();
    byFirst.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** Why {@code f} holding {@code value} cannot be expertized, or null when it can (a null FFN field can). */
  private static String notFeedForward(Field f, Object value) {
    String held;
    if (value instanceof FeedForwardNetwork) {
      return null;
    } else if (value == null) {
      if (FeedForwardNetwork.class.isAssignableFrom(f.getType()) || holdsFeedForwardList(f)) {
        return null;
      }
      held = withArticle(f.getType().getSimpleName());
    } else if (value instanceof List<?> list) {
      Object other = list.stream().filter(o -> !(o instanceof FeedForwardNetwork)).findFirst().orElse(null);
      if (other == null && (list.size() > 0 || holdsFeedForwardList(f) || elementType(f) == null)) {
        return null;
      }
      String element = other != null ? other.getClass().getSimpleName() : elementType(f).getSimpleName();
      held = "a List of " + element;
    } else {
      held = withArticle(value.getClass().getSimpleName());
    }
    return "@Expertize on " + nameOf(f) + ": needs a FeedForwardNetwork field (or a List of them); '"
        + f.getName() + "' is " + held + "." + suggestion(f.getDeclaringClass());
  }

  /** Whether {@code f} is declared as a list of FFNs ({@code List<FeedForwardNetwork>}, {@code List<? extends FeedForward>}). */
  private static boolean holdsFeedForwardList(Field f) {
    Class<?> element = elementType(f);
    return element != null && FeedForwardNetwork.class.isAssignableFrom(element);
  }

  /** The element class of a field declared as {@code List<E>} (or {@code List<? extends E>}), else null. */
  private static Class<?> elementType(Field f) {
    if (!List.class.isAssignableFrom(f.getType()) || !(f.getGenericType() instanceof ParameterizedType p)
        || p.getActualTypeArguments().length != 1) {
      return null;
    }
    Type arg = p.getActualTypeArguments()[0];
    if (arg instanceof WildcardType w && w.getUpperBounds().length == 1) {
      arg = w.getUpperBounds()[0];
    }
    if (arg instanceof ParameterizedType pa) {
      arg = pa.getRawType();
    }
    return arg instanceof Class<?> c ? c : null;
  }

  private static String withArticle(String noun) {
    return ("AEIOU".indexOf(Character.toUpperCase(noun.isEmpty() ? 'x' : noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  private static String suggestion(Class<?> type) {
    List<String> ffnFields = new ArrayList<>();
    for (Field f : ModuleTree.fieldsOf(type)) {
      if (FeedForwardNetwork.class.isAssignableFrom(f.getType()) || holdsFeedForwardList(f)) {
        ffnFields.add("'" + f.getName() + "'");
      }
    }
    return ffnFields.isEmpty()
        ? " Only feed-forward layers (FeedForward, GatedFeedForward) can become experts."
        : " Did you mean " + String.join(" or ", ffnFields) + "?";
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

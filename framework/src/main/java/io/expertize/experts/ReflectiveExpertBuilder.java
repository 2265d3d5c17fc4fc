package io.expertize.experts;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.FeedForwardNetwork;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a model's {@link ExpertPlan} from its annotations at run time, for classes the annotation
 * processor has not seen. Reads {@code @FusionScheme} on the model class and every
 * {@code @Expertize} field of every module in model order (the order of {@link ModuleTree}'s walk:
 * fields superclass first, lists by index) and hands them to {@link PlanAssembly}, which applies the
 * configuration's overrides and rejects what cannot be built with errors naming the class, field and value.
 */
public final class ReflectiveExpertBuilder {
  private ReflectiveExpertBuilder() {}

  public static ExpertPlan build(ModuleTree tree, FusionOverrides overrides) {
    Class<?> modelClass = tree.root().getClass();
    FusionScheme annotation = modelClass.getAnnotation(FusionScheme.class);
    PlanAssembly plan = PlanAssembly.of(tree, overrides,
        annotation == null ? null : FusionSettings.of(annotation), declaringClass(modelClass).getName());
    for (Module m : tree.modules().values()) { // walk order
      for (Field f : ModuleTree.fieldsOf(m.getClass())) {
        Expertize ann = f.getAnnotation(Expertize.class);
        if (ann == null) {
          continue;
        }
        Object value = read(f, m);
        String misplaced = notFeedForward(f, value);
        if (misplaced != null) {
          plan.misplaced(misplaced);
          continue;
        }
        ExpertizeField field = new ExpertizeField(nameOf(f), ann.experts(), ann.placement());
        if (value instanceof List<?> list) {
          plan.read(m, field, list.stream().map(FeedForwardNetwork.class::cast).toList());
        } else {
          plan.read(m, field, (FeedForwardNetwork) value);
        }
      }
    }
    return plan.build();
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

  /** Why {@code f} holding {@code value} cannot be expertized, or null when it can (a null FFN field can). */
  private static String notFeedForward(Field f, Object value) {
    String held;
    if (value instanceof FeedForwardNetwork) {
      return null;
    } else if (value == null) {
      if (FeedForwardNetwork.class.isAssignableFrom(f.getType()) || holdsFeedForwardList(f)) {
        return null;
      }
      held = ExpertizeRules.withArticle(f.getType().getSimpleName());
    } else if (value instanceof List<?> list) {
      Object other = list.stream().filter(o -> !(o instanceof FeedForwardNetwork)).findFirst().orElse(null);
      if (other == null && (list.size() > 0 || holdsFeedForwardList(f) || elementType(f) == null)) {
        return null;
      }
      String element = other != null ? other.getClass().getSimpleName() : elementType(f).getSimpleName();
      held = "a List of " + element;
    } else {
      held = ExpertizeRules.withArticle(value.getClass().getSimpleName());
    }
    return ExpertizeRules.notFeedForward(nameOf(f), held, feedForwardFields(f.getDeclaringClass()));
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

  private static List<String> feedForwardFields(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Field f : ModuleTree.fieldsOf(type)) {
      if (FeedForwardNetwork.class.isAssignableFrom(f.getType()) || holdsFeedForwardList(f)) {
        names.add(f.getName());
      }
    }
    return names;
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
}

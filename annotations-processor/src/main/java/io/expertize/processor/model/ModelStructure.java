package io.expertize.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * A model class seen through its declared field types, the compile-time counterpart of
 * {@code ModuleTree}'s walk: which module classes it can reach, which of them declare
 * {@code @Expertize} fields, and how many times each such field occurs when the declared structure
 * fixes it (single fields all the way down; a list anywhere on the way leaves it unknown).
 *
 * <p>A field typed with a base class ({@code List<T5Layer>}) may hold any subclass: those compiled
 * together with the model, in its package, are reached too (their count is then unknown). Another
 * subclass stays unseen, and the framework falls back to reflection for a model holding one.
 */
public final class ModelStructure {
  private final TypeElement model;
  private final KnownTypes known;
  private final List<TypeElement> compiled;
  private final Set<TypeElement> classes = new LinkedHashSet<>();
  private final Set<TypeElement> subclassesOfDeclared = new HashSet<>();
  private final Map<TypeElement, List<Edge>> incoming = new HashMap<>();

  /** {@code from}'s {@code field} holds a {@code to} (or a list of them). */
  private record Edge(TypeElement from, VariableElement field, TypeElement to, boolean list) {}

  private ModelStructure(TypeElement model, KnownTypes known, List<TypeElement> compiled) {
    this.model = model;
    this.known = known;
    this.compiled = compiled;
    Deque<TypeElement> queue = new ArrayDeque<>(List.of(model));
    while (!queue.isEmpty()) {
      TypeElement type = queue.removeFirst();
      if (!classes.add(type)) {
        continue;
      }
      for (VariableElement f : instanceFields(type)) {
        child(type, f).ifPresent(e -> {
          incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
          queue.addLast(e.to());
          for (TypeElement sub : compiledSubclasses(e.to())) {
            subclassesOfDeclared.add(sub);
            queue.addLast(sub);
          }
        });
      }
    }
  }

  /** @param compiled the classes compiled with the model, where subclasses of declared field types are looked for */
  public static ModelStructure of(TypeElement model, KnownTypes known, List<TypeElement> compiled) {
    return new ModelStructure(model, known, compiled);
  }

  /** The module classes reachable from the model through declared field types, the model first. */
  public Set<TypeElement> classes() {
    return classes;
  }

  /** Subclasses of {@code type} compiled with the model, in its package (where its builder can name them). */
  private List<TypeElement> compiledSubclasses(TypeElement type) {
    TypeMirror erased = known.types().erasure(type.asType());
    return compiled.stream()
        .filter(c -> !c.equals(type) && packageOf(c).equals(packageOf(model))
            && known.types().isSubtype(known.types().erasure(c.asType()), erased))
        .toList();
  }

  private static Element packageOf(Element e) {
    Element p = e;
    while (!(p instanceof PackageElement)) {
      p = p.getEnclosingElement();
    }
    return p;
  }

  /**
   * The classes that declare {@code @Expertize} fields among the reachable classes and their
   * superclasses, superclasses first (the order the walk reads a module's fields in).
   */
  public List<TypeElement> expertizeClasses() {
    Set<TypeElement> declaring = new LinkedHashSet<>();
    for (TypeElement type : classes) {
      for (TypeElement c : chain(type)) {
        if (!expertizeFields(c).isEmpty()) {
          declaring.add(c);
        }
      }
    }
    List<TypeElement> sorted = new ArrayList<>(declaring);
    sorted.sort(Comparator.comparingInt((TypeElement c) -> chain(c).size())
        .thenComparing(c -> c.getQualifiedName().toString()));
    return sorted;
  }

  /** The {@code @Expertize} fields {@code type} itself declares, in declaration order. */
  public static List<VariableElement> expertizeFields(TypeElement type) {
    return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .filter(f -> Annotations.declared(f, KnownTypes.EXPERTIZE).isPresent())
        .toList();
  }

  /**
   * How many FFNs {@code field} can hold across the model, when the declared structure fixes it: an
   * upper bound, as a null field or a shared FFN gives fewer.
   */
  public OptionalLong occurrences(VariableElement field) {
    if (!known.isFeedForward(field.asType())) {
      return OptionalLong.empty(); // a list of FFNs has as many as it is given
    }
    TypeMirror owner = known.types().erasure(field.getEnclosingElement().asType());
    long total = 0;
    for (TypeElement type : classes) {
      if (known.types().isSubtype(known.types().erasure(type.asType()), owner)) {
        OptionalLong n = instances(type, new HashSet<>());
        if (n.isEmpty()) {
          return n;
        }
        total += n.getAsLong();
      }
    }
    return OptionalLong.of(total);
  }

  /** How many modules of class {@code type} the model holds, if fixed by single fields from the model down. */
  private OptionalLong instances(TypeElement type, Set<TypeElement> visiting) {
    if (subclassesOfDeclared.contains(type) || !visiting.add(type)) {
      return OptionalLong.empty(); // held by fields of a base type, or a recursive structure
    }
    long n = type.equals(model) ? 1 : 0;
    for (Edge e : incoming.getOrDefault(type, List.of())) {
      OptionalLong from = e.list() ? OptionalLong.empty() : instances(e.from(), visiting);
      if (from.isEmpty()) {
        return from;
      }
      n += from.getAsLong();
    }
    visiting.remove(type);
    return OptionalLong.of(n);
  }

  private Optional<Edge> child(TypeElement owner, VariableElement f) {
    TypeMirror t = f.asType();
    if (known.isModule(t)) {
      return Optional.of(new Edge(owner, f, element(t), false));
    }
    return known.listElement(t).filter(known::isModule).map(e -> new Edge(owner, f, element(e), true));
  }

  private TypeElement element(TypeMirror t) {
    return (TypeElement) known.types().asElement(known.types().erasure(t));
  }

  /**
   * The instance fields the module walk visits on a {@code type}: superclass first, declaration order,
   * the base {@code Module}'s own excluded (as {@code ModuleTree.fieldsOf}).
   */
  public static List<VariableElement> instanceFields(TypeElement type) {
    List<VariableElement> fields = new ArrayList<>();
    for (TypeElement c : chain(type)) {
      ElementFilter.fieldsIn(c.getEnclosedElements()).stream()
          .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
          .forEach(fields::add);
    }
    return fields;
  }

  /** {@code type} and its superclasses below {@code Module}, the highest first. */
  private static List<TypeElement> chain(TypeElement type) {
    Deque<TypeElement> chain = new ArrayDeque<>();
    for (TypeElement c = type; c != null && !isRoot(c); c = Annotations.superclass(c)) {
      chain.push(c);
    }
    return List.copyOf(chain);
  }

  private static boolean isRoot(TypeElement c) {
    String name = c.getQualifiedName().toString();
    return name.equals(KnownTypes.MODULE) || name.equals(Object.class.getName());
  }
}

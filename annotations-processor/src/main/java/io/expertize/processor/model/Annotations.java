package io.expertize.processor.model;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/** Reading annotation mirrors by name: what was written, what the defaults fill in, and where it was declared. */
public final class Annotations {
  private Annotations() {}

  /** The annotation {@code name} written on {@code e} itself (not inherited). */
  public static Optional<AnnotationMirror> declared(Element e, String name) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The {@code @Expertize} written on {@code field}, which has one. */
  public static AnnotationMirror expertize(Element field) {
    return declared(field, KnownTypes.EXPERTIZE).orElseThrow();
  }

  /** The {@code @FusionScheme} written on {@code type}, which has one. */
  public static AnnotationMirror fusionScheme(Element type) {
    return declared(type, KnownTypes.FUSION_SCHEME).orElseThrow();
  }

  /** The class in {@code type}'s superclass chain that declares {@code name} (for an {@code @Inherited} one). */
  public static Optional<TypeElement> declaringClass(TypeElement type, String name) {
    for (TypeElement c = type; c != null; c = superclass(c)) {
      if (declared(c, name).isPresent()) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public static TypeElement superclass(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType d ? (TypeElement) d.asElement() : null;
  }

  /** The value written for {@code attribute}, if the source gives one (a default does not count). */
  public static Optional<AnnotationValue> written(AnnotationMirror m, String attribute) {
    return find(m.getElementValues(), attribute);
  }

  /** The value of {@code attribute}: written, or the annotation's default. */
  public static Object value(Elements elements, AnnotationMirror m, String attribute) {
    return find(elements.getElementValuesWithDefaults(m), attribute)
        .map(AnnotationValue::getValue)
        .map(v -> v instanceof VariableElement constant ? constant.getSimpleName().toString() : v)
        .orElseThrow(() -> new IllegalArgumentException(m + " has no attribute " + attribute));
  }

  private static Optional<AnnotationValue> find(Map<? extends ExecutableElement, ? extends AnnotationValue> values,
      String attribute) {
    return values.entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals(attribute))
        .map(Map.Entry::getValue)
        .findFirst()
        .map(AnnotationValue.class::cast);
  }
}

package io.expertize.processor.model;

import io.expertize.experts.ExpertizeField;
import io.expertize.experts.FusionSettings;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The annotations' values as the framework's own value types, read from source at compile time: the
 * same {@link FusionSettings} and {@link ExpertizeField} the run-time builder reads by reflection.
 */
public final class DeclaredValues {
  private final Elements elements;

  public DeclaredValues(Elements elements) {
    this.elements = elements;
  }

  public FusionSettings fusionSettings(AnnotationMirror scheme) {
    return FusionSettings.from(a -> value(scheme, a.name()));
  }

  /** {@code field}'s {@code @Expertize}, named as the run-time builder names it ({@code com.acme.Outer$Block.mlp}). */
  public ExpertizeField expertizeField(VariableElement field, AnnotationMirror expertize) {
    return new ExpertizeField(qualifiedName(field), (Integer) value(expertize, "experts"),
        (String) value(expertize, "placement"));
  }

  public String qualifiedName(VariableElement field) {
    return binaryName((TypeElement) field.getEnclosingElement()) + "." + field.getSimpleName();
  }

  public String binaryName(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  private Object value(AnnotationMirror m, String attribute) {
    return Annotations.value(elements, m, attribute);
  }
}

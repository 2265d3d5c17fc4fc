package io.expertize.processor.validation;

import io.expertize.annotations.Scheme;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionSettings;
import io.expertize.processor.model.Annotations;
import io.expertize.processor.model.DeclaredValues;
import io.expertize.processor.model.KnownTypes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Checks one {@code @FusionScheme} where it is written: on a module class, every value in its range
 * (the ranges of {@link FusionAttribute}, the run-time rules), and no parameter written for a scheme
 * other than the one chosen (its {@link FusionAttribute#readers()}).
 */
public final class FusionSchemeValidator {
  private final KnownTypes known;
  private final DeclaredValues values;

  public FusionSchemeValidator(KnownTypes known, DeclaredValues values) {
    this.known = known;
    this.values = values;
  }

  public Report validate(TypeElement type) {
    Report report = new Report();
    AnnotationMirror scheme = Annotations.fusionScheme(type);
    String name = values.binaryName(type);
    if (!known.isModule(type.asType())) {
      report.error(Tag.FUSION_SCHEME_TARGET, "@FusionScheme on " + name + ": " + type.getSimpleName()
          + " is not a Module; put it on the model class (the ImageClassifier or Module you train)", type, scheme, null);
      return report;
    }
    FusionSettings settings = values.fusionSettings(scheme);
    FusionSettings.Source source = (attribute, value) -> "@FusionScheme(" + attribute.name() + " = " + value + ") on " + name;
    for (FusionSettings.Problem p : settings.problemsByAttribute(source)) {
      report.error(Tag.FUSION_SCHEME_RANGE, p.message(), type, scheme,
          Annotations.written(scheme, p.attribute().name()).orElse(null));
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : scheme.getElementValues().entrySet()) {
      FusionAttribute<?> attribute = FusionAttribute.named(e.getKey().getSimpleName().toString());
      Set<Scheme> readers = attribute.readers();
      if (attribute != FusionAttribute.SCHEME && !readers.contains(settings.scheme())) {
        report.error(Tag.FUSION_SCHEME_PARAMETER, source.describe(attribute, e.getValue().getValue()) + ": "
            + attribute + " is read only by " + describe(readers) + ", and " + type.getSimpleName() + " trains "
            + describe(Set.of(settings.scheme())) + ", where it has no effect; remove it, or choose "
            + readers.stream().map(s -> "Scheme." + s).collect(Collectors.joining(" or "))
            + " (a run that overrides the scheme sets it as " + attribute.configKey() + ")",
            type, scheme, e.getValue());
      }
    }
    return report;
  }

  private static String describe(Set<Scheme> schemes) {
    return schemes.stream().sorted().map(s -> s + " (" + s.key() + ")").collect(Collectors.joining(" and "));
  }
}

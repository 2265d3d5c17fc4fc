package io.expertize.processor.validation;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertizeField;
import io.expertize.experts.ExpertizeRules;
import io.expertize.experts.FusionSettings;
import io.expertize.experts.Placement;
import io.expertize.processor.model.Annotations;
import io.expertize.processor.model.DeclaredValues;
import io.expertize.processor.model.KnownTypes;
import io.expertize.processor.model.ModelStructure;
import java.util.List;
import java.util.OptionalLong;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Checks a model class against the {@code @Expertize} fields its declared structure reaches: a
 * warning when it has no {@code @FusionScheme}; otherwise top-k's k against each set's experts,
 * placements against a depth the declared fields fix, and that its generated builder (in the
 * model's package) can name each class and read each field.
 */
public final class ModelValidator {
  private final KnownTypes known;
  private final DeclaredValues values;
  private final Elements elements;

  public ModelValidator(KnownTypes known, DeclaredValues values, Elements elements) {
    this.known = known;
    this.values = values;
    this.elements = elements;
  }

  public Report validate(TypeElement model, ModelStructure structure) {
    Report report = new Report();
    List<TypeElement> expertizeClasses = structure.expertizeClasses();
    TypeElement declaring = Annotations.declaringClass(model, KnownTypes.FUSION_SCHEME).orElse(null);
    if (declaring == null) {
      if (!expertizeClasses.isEmpty() && known.isImageClassifier(model.asType())) {
        report.warning(Tag.FUSION_SCHEME_MISSING, values.binaryName(model) + " has @Expertize fields ("
            + String.join(", ", expertizeClasses.stream().flatMap(c -> ModelStructure.expertizeFields(c).stream())
                .map(values::qualifiedName).toList())
            + ") but no @FusionScheme, so it trains dense unless fusion.scheme is set; annotate it with "
            + "@FusionScheme (e.g. @FusionScheme(Scheme.MEMORY_BANK)), or remove @Expertize", model, null, null);
      }
      return report;
    }
    AnnotationMirror scheme = Annotations.fusionScheme(declaring);
    FusionSettings settings = values.fusionSettings(scheme);
    for (TypeElement owner : expertizeClasses) {
      checkReachable(model, owner, null, report);
      for (VariableElement field : ModelStructure.expertizeFields(owner)) {
        AnnotationMirror expertize = Annotations.expertize(field);
        ExpertizeField declared = values.expertizeField(field, expertize);
        if (settings.scheme() == Scheme.TOP_K && ExpertizeRules.kExceeds(settings.k(), declared.experts())) {
          report.error(Tag.FUSION_SCHEME_TOP_K, ExpertizeRules.kExceedsExperts(
                  "@FusionScheme(k = " + settings.k() + ") on " + values.binaryName(declaring), declared.experts(),
                  declared.name(), "@Expertize(experts = " + declared.experts() + ")"),
              declaring, scheme, Annotations.written(scheme, "k").orElse(null));
        }
        checkDepth(model, field, expertize, declared, structure.occurrences(field), report);
        if (!field.getModifiers().contains(Modifier.PRIVATE)) { // private is reported with the field
          checkReachable(model, field, declared.name(), report);
        }
      }
    }
    return report;
  }

  private void checkDepth(TypeElement model, VariableElement field, AnnotationMirror expertize, ExpertizeField declared,
      OptionalLong occurrences, Report report) {
    if (occurrences.isEmpty() || occurrences.getAsLong() > Integer.MAX_VALUE) {
      return;
    }
    Placement placement;
    try {
      placement = Placement.parse(declared.placement());
    } catch (IllegalArgumentException unparsable) {
      return; // reported with the field
    }
    try {
      placement.select((int) occurrences.getAsLong());
    } catch (IllegalArgumentException beyond) {
      report.error(Tag.EXPERTIZE_DEPTH, "@Expertize(placement = \"" + declared.placement() + "\") on " + declared.name()
          + ": " + beyond.getMessage() + " in " + values.binaryName(model) + " (its declared fields hold at most "
          + occurrences.getAsLong() + "); count occurrences from 0 in model order and stay below that",
          field, expertize, Annotations.written(expertize, "placement").orElse(null));
    }
  }

  /**
   * The generated builder lives in the model's package: from there it names each class that declares
   * {@code @Expertize} fields ({@code instanceof}) and reads each field.
   */
  private void checkReachable(TypeElement model, Element target, String fieldName, Report report) {
    PackageElement from = elements.getPackageOf(model);
    if (elements.getPackageOf(target).equals(from)) {
      return;
    }
    for (Element e = target; e instanceof TypeElement || e == target; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        String what = fieldName != null ? "field " + fieldName : "class " + values.binaryName((TypeElement) target);
        AnnotationMirror expertize = fieldName != null ? Annotations.declared(target, KnownTypes.EXPERTIZE).orElse(null) : null;
        report.error(Tag.EXPERTIZE_ACCESS, "the generated builder of " + values.binaryName(model) + " (package "
            + from.getQualifiedName() + ") reads the " + what + ", but " + e.getSimpleName() + " is not public in "
            + elements.getPackageOf(target).getQualifiedName() + "; make it public, or declare the model in that package",
            fieldName != null ? target : model, expertize, null);
        return;
      }
    }
  }
}

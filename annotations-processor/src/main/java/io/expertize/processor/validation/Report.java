package io.expertize.processor.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * What a validator found. Each message starts with its tag ({@code [ExpertizeTarget]}) and says how
 * to fix the problem; nothing is generated for a round whose reports hold an error.
 */
public final class Report {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  public void error(Tag tag, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    diagnostics.add(new Diagnostic(Kind.ERROR, tag.format(message), element, annotation, value));
  }

  public void warning(Tag tag, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    diagnostics.add(new Diagnostic(Kind.WARNING, tag.format(message), element, annotation, value));
  }

  public void addAll(Report other) {
    diagnostics.addAll(other.diagnostics);
  }

  public boolean isClean() {
    return diagnostics.stream().noneMatch(d -> d.kind() == Kind.ERROR);
  }

  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /** Prints each distinct diagnostic once (a superclass's problem is found again for every model that extends it). */
  public void printTo(Messager messager) {
    Set<Diagnostic> distinct = new LinkedHashSet<>(diagnostics);
    for (Diagnostic d : distinct) {
      if (d.value() != null) {
        messager.printMessage(d.kind(), d.message(), d.element(), d.annotation(), d.value());
      } else if (d.annotation() != null) {
        messager.printMessage(d.kind(), d.message(), d.element(), d.annotation());
      } else {
        messager.printMessage(d.kind(), d.message(), d.element());
      }
    }
  }
}

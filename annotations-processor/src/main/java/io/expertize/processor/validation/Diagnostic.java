package io.expertize.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * One message for javac to print: its kind, the element it belongs to and, where there is one, the
 * annotation and the value it is about (javac then points at that value in the source).
 */
public record Diagnostic(Kind kind, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {}

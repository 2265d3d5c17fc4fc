package io.expertize.processor.model;

import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The framework types the processor reasons about, looked up by name in the compilation (the
 * processor never loads the framework's TensorFlow-backed classes), and the questions it asks of a
 * field's type: does it hold a module, a feed-forward network, or a list of either.
 */
public final class KnownTypes {
  public static final String MODULE = "io.expertize.graph.Module";
  public static final String FEED_FORWARD = "io.expertize.nn.FeedForwardNetwork";
  public static final String IMAGE_CLASSIFIER = "io.expertize.nn.ImageClassifier";
  public static final String EXPERTIZE = "io.expertize.annotations.Expertize";
  public static final String FUSION_SCHEME = "io.expertize.annotations.FusionScheme";

  private final Types types;
  private final TypeMirror module;
  private final TypeMirror feedForward;
  private final TypeMirror imageClassifier;
  private final TypeMirror list;

  private KnownTypes(Types types, TypeMirror module, TypeMirror feedForward, TypeMirror imageClassifier, TypeMirror list) {
    this.types = types;
    this.module = module;
    this.feedForward = feedForward;
    this.imageClassifier = imageClassifier;
    this.list = list;
  }

  /** Empty when the framework is not on the compile class path (nothing to check then). */
  public static Optional<KnownTypes> of(ProcessingEnvironment env) {
    TypeElement module = env.getElementUtils().getTypeElement(MODULE);
    TypeElement ffn = env.getElementUtils().getTypeElement(FEED_FORWARD);
    TypeElement classifier = env.getElementUtils().getTypeElement(IMAGE_CLASSIFIER);
    TypeElement list = env.getElementUtils().getTypeElement(List.class.getCanonicalName());
    if (module == null || ffn == null || classifier == null) {
      return Optional.empty();
    }
    Types t = env.getTypeUtils();
    return Optional.of(new KnownTypes(t, t.erasure(module.asType()), t.erasure(ffn.asType()),
        t.erasure(classifier.asType()), t.erasure(list.asType())));
  }

  public Types types() {
    return types;
  }

  public boolean isModule(TypeMirror t) {
    return isSubtype(t, module);
  }

  public boolean isFeedForward(TypeMirror t) {
    return isSubtype(t, feedForward);
  }

  public boolean isImageClassifier(TypeMirror t) {
    return isSubtype(t, imageClassifier);
  }

  public boolean isList(TypeMirror t) {
    return isSubtype(t, list);
  }

  /** {@code E} of a field declared {@code List<E>} or {@code List<? extends E>}; empty for a raw list or another type. */
  public Optional<TypeMirror> listElement(TypeMirror t) {
    if (!isList(t) || !(t instanceof DeclaredType declared) || declared.getTypeArguments().size() != 1) {
      return Optional.empty();
    }
    TypeMirror arg = declared.getTypeArguments().get(0);
    if (arg instanceof WildcardType w) {
      arg = w.getExtendsBound();
    }
    return Optional.ofNullable(arg);
  }

  /** Whether a field of type {@code t} can be expertized: a feed-forward network or a list of them. */
  public boolean holdsFeedForward(TypeMirror t) {
    return isFeedForward(t) || listElement(t).filter(this::isFeedForward).isPresent();
  }

  private boolean isSubtype(TypeMirror t, TypeMirror of) {
    TypeKind kind = t.getKind(); // an unresolved type (ERROR) is javac's to report
    return (kind == TypeKind.DECLARED || kind == TypeKind.TYPEVAR) && types.isSubtype(types.erasure(t), of);
  }
}

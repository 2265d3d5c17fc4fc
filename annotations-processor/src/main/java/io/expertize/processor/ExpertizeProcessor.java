package io.expertize.processor;

import io.expertize.processor.model.KnownTypes;
import io.expertize.processor.writing.BuilderGenerator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The javac entry point: for every round, validate the {@code @Expertize} fields, the
 * {@code @FusionScheme} classes and the models that use them, print what was found, and, if nothing
 * was wrong, write each model's generated expert-plan builder ({@link ProcessingStep}). Claims no
 * annotation, so other processors see them too.
 *
 * <p>Option {@code -Aexpertize.generate=false} validates without writing builders (the framework
 * then builds plans by reflection). Gradle: aggregating, as a builder also depends on the subclasses
 * compiled with its model (docs/processor.md).
 */
public final class ExpertizeProcessor extends AbstractProcessor {
  public static final String GENERATE_OPTION = "expertize.generate";

  private final Function<ProcessingEnvironment, BuilderGenerator> generators;
  private ProcessingStep step;

  public ExpertizeProcessor() {
    this(env -> new BuilderGenerator(env.getFiler(), env.getElementUtils()));
  }

  /** For tests: a generator that fails shows how an internal error is reported. */
  ExpertizeProcessor(Function<ProcessingEnvironment, BuilderGenerator> generators) {
    this.generators = generators;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    Optional<KnownTypes> known = KnownTypes.of(env);
    boolean generate = !"false".equals(env.getOptions().get(GENERATE_OPTION));
    // without the framework on the class path nothing can use the annotations: nothing to check
    step = known.map(k -> new ProcessingStep(env, k, generate ? generators.apply(env) : null)).orElse(null);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(KnownTypes.EXPERTIZE, KnownTypes.FUSION_SCHEME);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(GENERATE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (step != null && !round.processingOver()) {
      step.process(round);
    }
    return false;
  }
}

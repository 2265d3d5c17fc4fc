package io.expertize.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.expertize.experts.Placement;
import io.expertize.processor.model.ModelStructure;
import io.expertize.processor.writing.BuilderGenerator;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One fixture per diagnostic (src/test/resources/fixtures/errors): each fails the build, or warns,
 * with exactly one tagged message on the line of the annotation or value at fault.
 */
class DiagnosticsTest {

  /** Compiles {@code fixture} and checks it reports exactly {@code message} as an error on {@code line}. */
  private static void assertError(String fixture, int line, String message) {
    JavaFileObject source = Fixtures.source("errors/" + fixture);
    Compilation c = Fixtures.compile(source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message).inFile(source).onLine(line);
  }

  @Test
  void expertizeOnANonFeedForwardFieldSuggestsTheNearestOne() {
    assertError("ExpertizeOnAttention", 11, "[ExpertizeTarget] @Expertize on fixtures.errors.ExpertizeOnAttention.attn: "
        + "needs a FeedForwardNetwork field (or a List of them); 'attn' is an Attention. Did you mean 'mlp'?");
  }

  @Test
  void expertsBelowOne() {
    assertError("ZeroExperts", 11, "[ExpertizeExperts] @Expertize(experts = 0) on fixtures.errors.ZeroExperts.mlp: "
        + "must be at least 1 (1 keeps the FFN dense; published default 4)");
  }

  @Test
  void placementThatDoesNotParse() {
    assertError("UnparsablePlacement", 11, "[ExpertizePlacement] @Expertize(placement = \"middle\") on "
        + "fixtures.errors.UnparsablePlacement.mlp: placement 'middle' is not one of: " + Placement.FORMS);
  }

  @Test
  void momentumOutsideItsRange() {
    assertError("MomentumOne", 11, "[FusionSchemeRange] @FusionScheme(momentum = 1.0) on fixtures.errors.MomentumOne: "
        + "the bank momentum δ must be in [0, 1) (default 0.95)");
  }

  @Test
  void shareRateOutsideItsRange() {
    assertError("ShareRateAboveOne", 11, "[FusionSchemeRange] @FusionScheme(shareRate = 1.5) on "
        + "fixtures.errors.ShareRateAboveOne: the share rate β must be in [0, 1] (default 0.3; EWA tunes it in 0.1..0.5)");
  }

  @Test
  void kAboveTheExpertsOfASet() {
    assertError("KAboveExperts", 11, "[FusionSchemeTopK] @FusionScheme(k = 3) on fixtures.errors.KAboveExperts exceeds "
        + "the 2 experts of fixtures.errors.KAboveExperts.mlp (@Expertize(experts = 2)): top-k sends each token to k of "
        + "the experts, so k must be at most 2");
  }

  @Test
  void capacityFactorNotPositive() {
    assertError("ZeroCapacityFactor", 11, "[FusionSchemeRange] @FusionScheme(capacityFactor = 0.0) on "
        + "fixtures.errors.ZeroCapacityFactor: the expert capacity factor must be > 0 (default 1.05; a multiple of an even share of the tokens)");
  }

  @Test
  void aParameterOfAnotherScheme() {
    assertError("MomentumOnEwa", 11, "[FusionSchemeParameter] @FusionScheme(momentum = 0.9) on "
        + "fixtures.errors.MomentumOnEwa: momentum is read only by MEMORY_BANK (mb), and MomentumOnEwa trains EWA (ewa), "
        + "where it has no effect; remove it, or choose Scheme.MEMORY_BANK (a run that overrides the scheme sets it as "
        + "fusion.momentum)");
  }

  @Test
  void placementBeyondADepthKnownAtCompileTime() {
    assertError("PlacementBeyondDepth", 16, "[ExpertizeDepth] @Expertize(placement = \"0,3\") on "
        + "fixtures.errors.PlacementBeyondDepth$Block.mlp: placement '0,3' names index 3, but there are only 2 "
        + "occurrences (0..1) in fixtures.errors.PlacementBeyondDepth (its declared fields hold at most 2); count "
        + "occurrences from 0 in model order and stay below that");
  }

  @Test
  void aPrivateFieldTheBuilderCannotRead() {
    assertError("PrivateField", 10, "[ExpertizeAccess] @Expertize on fixtures.errors.PrivateField.mlp: the generated "
        + "builder reads this field directly and cannot read a private one; make it package-private (remove "
        + "'private'). 'final' may stay: the builder only reads it");
  }

  @Test
  void fusionSchemeOnAClassThatIsNotAModule() {
    assertError("SchemeOnNonModule", 5, "[FusionSchemeTarget] @FusionScheme on fixtures.errors.SchemeOnNonModule: "
        + "SchemeOnNonModule is not a Module; put it on the model class (the ImageClassifier or Module you train)");
  }

  @Test
  void expertizeInAModelWithoutFusionSchemeWarns() {
    JavaFileObject source = Fixtures.source("errors/NoFusionScheme");
    Compilation c = Fixtures.compile(source);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[FusionSchemeMissing] fixtures.errors.NoFusionScheme has @Expertize fields "
        + "(fixtures.errors.NoFusionScheme.mlp) but no @FusionScheme, so it trains dense unless fusion.scheme is set; "
        + "annotate it with @FusionScheme (e.g. @FusionScheme(Scheme.MEMORY_BANK)), or remove @Expertize")
        .inFile(source).onLine(7);
  }

  @Test
  void anInternalFailureBecomesAnErrorOnTheModel() {
    JavaFileObject source = Fixtures.source("errors/Healthy");
    ExpertizeProcessor failing = new ExpertizeProcessor(env -> new BuilderGenerator(env.getFiler(), env.getElementUtils()) {
      @Override
      public void generate(TypeElement model, ModelStructure structure) {
        throw new IllegalStateException("simulated bug");
      }
    });
    Compilation c = Fixtures.compile(failing, source);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[ExpertizeInternal] the Expertize processor failed on Healthy: "
        + "java.lang.IllegalStateException: simulated bug. This is a bug in the processor").inFile(source).onLine(10);
  }
}

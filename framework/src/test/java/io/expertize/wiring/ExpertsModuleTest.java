package io.expertize.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.testing.fieldbinder.Bind;
import com.google.inject.testing.fieldbinder.BoundFieldModule;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.config.ConfigKey;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertSet;
import io.expertize.experts.ExpertizeException;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.FusionSettings;
import io.expertize.graph.Module;
import io.expertize.testing.ExpertMlp;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ExpertsModule turns the {@code fusion.*} keys into overrides of the model's annotations. */
class ExpertsModuleTest {
  /** The model the plan is built for: @FusionScheme(MEMORY_BANK), @Expertize(experts = 4) on three FFNs. */
  @Bind Module model = ExpertMlp.small();

  private Injector injector(ExpertizeConfig config) {
    return Guice.createInjector(new ConfigModule(config), new ExpertsModule(), BoundFieldModule.of(this));
  }

  private FusionOverrides overrides(ExpertizeConfig config) {
    return injector(config).getInstance(FusionOverrides.class);
  }

  private static <T> ExpertizeConfig set(ConfigKey<T> key, T value) {
    return ExpertizeConfig.defaults().with(key, value);
  }

  @Test
  void theDefaultsOverrideNothing() {
    assertThat(overrides(ExpertizeConfig.defaults())).isEqualTo(FusionOverrides.none());
  }

  /** Each key at its "the annotation's value" default, written explicitly: still no override. */
  static Stream<Arguments> sentinels() {
    return Stream.of(
        Arguments.of(Keys.FUSION_SCHEME, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_EXPERTS, Optional.empty()),
        Arguments.of(Keys.FUSION_PLACEMENT, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_MOMENTUM, Optional.empty()),
        Arguments.of(Keys.FUSION_SHARED_ROUTER, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_BIAS_CORRECTED_BANK, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_NORMALIZED_WEIGHTS, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_SHARE_RATE, Optional.empty()),
        Arguments.of(Keys.FUSION_SHARE_SCHEDULE, Keys.FROM_MODEL),
        Arguments.of(Keys.FUSION_TOP_K, Optional.empty()),
        Arguments.of(Keys.FUSION_CAPACITY_FACTOR, Optional.empty()),
        Arguments.of(Keys.FUSION_BALANCE_LOSS_WEIGHT, Optional.empty()),
        Arguments.of(Keys.FUSION_EARLY_EWA_FRACTION, Optional.empty()));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("sentinels")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void sentinelsKeepTheAnnotationsValue(ConfigKey key, Object sentinel) {
    assertThat(key.defaultValue()).isEqualTo(sentinel);
    assertThat(overrides(ExpertizeConfig.defaults().with(key, sentinel))).isEqualTo(FusionOverrides.none());
  }

  /** Each key set to a real value lands in exactly its own component. */
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(Keys.FUSION_SCHEME, "sw", "scheme", Scheme.STATIC),
        Arguments.of(Keys.FUSION_EXPERTS, Optional.of(8), "experts", 8),
        Arguments.of(Keys.FUSION_EXPERTS, Optional.of(1), "experts", 1),
        Arguments.of(Keys.FUSION_PLACEMENT, "last-4", "placement", "last-4"),
        Arguments.of(Keys.FUSION_PLACEMENT, "0,3,5", "placement", "0,3,5"),
        Arguments.of(Keys.FUSION_MOMENTUM, Optional.of(0.9), "momentum", 0.9),
        Arguments.of(Keys.FUSION_MOMENTUM, Optional.of(0.0), "momentum", 0.0),
        Arguments.of(Keys.FUSION_SHARED_ROUTER, "false", "sharedRouter", false),
        Arguments.of(Keys.FUSION_SHARED_ROUTER, "true", "sharedRouter", true),
        Arguments.of(Keys.FUSION_BIAS_CORRECTED_BANK, "true", "biasCorrectedBank", true),
        Arguments.of(Keys.FUSION_BIAS_CORRECTED_BANK, "false", "biasCorrectedBank", false),
        Arguments.of(Keys.FUSION_NORMALIZED_WEIGHTS, "true", "normalizedWeights", true),
        Arguments.of(Keys.FUSION_NORMALIZED_WEIGHTS, "false", "normalizedWeights", false),
        Arguments.of(Keys.FUSION_SHARE_RATE, Optional.of(0.5), "shareRate", 0.5),
        Arguments.of(Keys.FUSION_SHARE_RATE, Optional.of(0.0), "shareRate", 0.0),
        Arguments.of(Keys.FUSION_SHARE_SCHEDULE, "constant", "shareSchedule", ShareSchedule.CONSTANT),
        Arguments.of(Keys.FUSION_SHARE_SCHEDULE, "linear", "shareSchedule", ShareSchedule.LINEAR),
        Arguments.of(Keys.FUSION_TOP_K, Optional.of(2), "k", 2),
        Arguments.of(Keys.FUSION_CAPACITY_FACTOR, Optional.of(1.25), "capacityFactor", 1.25),
        Arguments.of(Keys.FUSION_BALANCE_LOSS_WEIGHT, Optional.of(0.0), "balanceLossWeight", 0.0),
        Arguments.of(Keys.FUSION_BALANCE_LOSS_WEIGHT, Optional.of(0.02), "balanceLossWeight", 0.02),
        Arguments.of(Keys.FUSION_EARLY_EWA_FRACTION, Optional.of(0.5), "earlyEwaFraction", 0.5),
        Arguments.of(Keys.FUSION_EARLY_EWA_FRACTION, Optional.of(0.0), "earlyEwaFraction", 0.0));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("values")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void eachKeyMapsToItsOwnComponent(ConfigKey key, Object value, String component, Object expected) {
    FusionOverrides o = overrides(ExpertizeConfig.defaults().with(key, value));
    FusionOverrides.Builder only = FusionOverrides.builder();
    switch (component) {
      case "experts" -> only.experts((Integer) expected);
      case "placement" -> only.placement((String) expected);
      default -> {
        FusionAttribute attribute = component.equals("scheme") ? FusionAttribute.SCHEME : FusionAttribute.named(component);
        only.set(attribute, expected);
        assertThat(o.isSet(attribute)).isTrue();
        assertThat(attribute.configKey()).isEqualTo(key.name());
        assertThat(Keys.fusion(attribute)).isSameAs(key);
      }
    }
    assertThat(o).isEqualTo(only.build());
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void everySchemeByItsConfigurationName(Scheme scheme) {
    assertThat(overrides(set(Keys.FUSION_SCHEME, scheme.key())).scheme()).contains(scheme);
  }

  @Test
  void everyKeyTogetherFromSetArguments() {
    ExpertizeConfig config = ConfigLoader.create().load(List.of(
        "fusion.scheme=topk", "fusion.experts=6", "fusion.placement=every-2", "fusion.momentum=0.9",
        "fusion.shared-router=false", "fusion.bias-corrected-bank=true", "fusion.normalized-weights=true",
        "fusion.share-rate=0.2", "fusion.share-schedule=constant", "fusion.top-k=3", "fusion.capacity-factor=1.5",
        "fusion.balance-loss-weight=0.05", "fusion.early-ewa-fraction=0.5"));
    assertThat(overrides(config)).isEqualTo(FusionOverrides.builder().scheme(Scheme.TOP_K).experts(6).placement("every-2")
        .set(FusionAttribute.MOMENTUM, 0.9).set(FusionAttribute.SHARED_ROUTER, false)
        .set(FusionAttribute.BIAS_CORRECTED_BANK, true).set(FusionAttribute.NORMALIZED_WEIGHTS, true)
        .set(FusionAttribute.SHARE_RATE, 0.2).set(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.CONSTANT)
        .set(FusionAttribute.K, 3).set(FusionAttribute.CAPACITY_FACTOR, 1.5)
        .set(FusionAttribute.BALANCE_LOSS_WEIGHT, 0.05).set(FusionAttribute.EARLY_EWA_FRACTION, 0.5).build());
  }

  @Test
  void thePlanIsTheModelsAnnotationsWithTheOverridesApplied() {
    ExpertPlan plain = injector(ExpertizeConfig.defaults()).getInstance(ExpertPlan.class);
    assertThat(plain.settings()).isEqualTo(FusionSettings.defaults(Scheme.MEMORY_BANK));
    assertThat(plain.sets()).extracting(ExpertSet::path).containsExactly("ffns.0", "ffns.1", "ffns.2");
    assertThat(plain.sets()).extracting(ExpertSet::experts).containsOnly(4);

    Injector injector = injector(ExpertizeConfig.defaults().with(Keys.FUSION_SCHEME, "sw")
        .with(Keys.FUSION_EXPERTS, Optional.of(2)).with(Keys.FUSION_PLACEMENT, "even"));
    ExpertPlan plan = injector.getInstance(ExpertPlan.class);
    assertThat(plan.scheme()).isEqualTo(Scheme.STATIC);
    assertThat(plan.sets()).extracting(ExpertSet::path).containsExactly("ffns.0", "ffns.2");
    assertThat(plan.sets()).extracting(ExpertSet::experts).containsOnly(2);
    assertThat(injector.getInstance(ExpertPlan.class)).as("built once per run").isSameAs(plan);
  }

  @Test
  void fusionSchemeDenseTrainsTheAnnotatedModelDense() {
    ExpertPlan plan = injector(set(Keys.FUSION_SCHEME, "dense")).getInstance(ExpertPlan.class);
    assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
    assertThat(plan.sets()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aPlacementTheModelCannotTakeFailsProvisionNamingTheKey() {
    Injector injector = injector(set(Keys.FUSION_PLACEMENT, "last-5"));
    assertThatThrownBy(() -> injector.getInstance(ExpertPlan.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("fusion.placement = \"last-5\"")
        .hasMessageContaining(ExpertMlp.class.getName() + ".ffns")
        .hasMessageContaining("only 3 occurrences");
  }

  @Test
  void topKAboveTheExpertsFailsProvisionNamingBothKeys() {
    Injector injector = injector(set(Keys.FUSION_SCHEME, "topk").with(Keys.FUSION_TOP_K, Optional.of(3)).with(Keys.FUSION_EXPERTS, Optional.of(2)));
    Function<Throwable, Throwable> cause = Throwable::getCause;
    assertThatThrownBy(() -> injector.getInstance(ExpertPlan.class))
        .isInstanceOf(ProvisionException.class)
        .extracting(cause).isInstanceOf(ExpertizeException.class)
        .extracting(e -> ((ExpertizeException) e).problems()).asList()
        .singleElement().asString()
        .startsWith("fusion.top-k = 3 exceeds the 2 experts of " + ExpertMlp.class.getName() + ".ffns (fusion.experts = 2)");
  }
}

package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.Activation;
import io.expertize.nn.Attention;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.GatedFeedForward;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.testing.ExpertMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reflective builder reads {@code @FusionScheme} / {@code @Expertize} at run time, lets the
 * {@code fusion.*} overrides win, and rejects what it cannot build with messages naming the class,
 * field, value and what would be valid. Each fixture below is a small model with one problem.
 */
class ReflectiveExpertBuilderTest {

  // ---------------------------------------------------------------- fixtures

  static FeedForward ffn() {
    return new FeedForward(4, 8);
  }

  static List<FeedForwardNetwork> ffns(int n) {
    List<FeedForwardNetwork> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ffn());
    }
    return out;
  }

  /** A pre-norm Transformer block expertized like ViT's: the annotation sits in the block. */
  static class Block extends Module {
    final LayerNorm norm = new LayerNorm(4, 1e-6);
    final Attention attn = new Attention(4, 2);
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class Stack extends Module {
    final Linear stem = new Linear(4, 4);
    final List<Block> blocks = new ArrayList<>();
    final Linear head = new Linear(4, 2);

    Stack(int depth) {
      for (int i = 0; i < depth; i++) {
        blocks.add(new Block());
      }
    }
  }

  /** Two @Expertize fields; the model's own is declared after the blocks, so its FFN comes last. */
  @FusionScheme(Scheme.STATIC)
  static class Mixed extends Module {
    final List<Block> blocks = List.of(new Block(), new Block());
    @Expertize(experts = 2) final GatedFeedForward tail = new GatedFeedForward(4, 8, Activation.GELU, 0.0);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class Listed extends Module {
    @Expertize(experts = 3) final List<FeedForwardNetwork> ffns = ffns(3);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ZeroExperts extends Module {
    @Expertize(experts = 0) final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class NegativeExperts extends Module {
    @Expertize(experts = -2) final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.MEMORY_BANK, momentum = 1.0)
  static class MomentumOne extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.MEMORY_BANK, momentum = -0.1)
  static class MomentumNegative extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.EWA, shareRate = 1.5)
  static class ShareRateTooHigh extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.TOP_K, k = 5)
  static class KAboveExperts extends Module {
    @Expertize(experts = 4) final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.TOP_K, k = 0)
  static class KZero extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.TOP_K, capacityFactor = 0)
  static class ZeroCapacity extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.TOP_K, balanceLossWeight = -0.01)
  static class NegativeBalance extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.TOP_K, earlyEwaFraction = 2)
  static class EarlyEwaTwo extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class LastFourOfThree extends Module {
    @Expertize(placement = "last-4") final List<FeedForwardNetwork> ffns = ffns(3);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ListBeyondDepth extends Module {
    @Expertize(placement = "0,5") final List<FeedForwardNetwork> ffns = ffns(3);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class UnparsablePlacement extends Module {
    @Expertize(placement = "middle") final List<FeedForwardNetwork> ffns = ffns(3);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class EveryThirdOfTwo extends Module {
    @Expertize(placement = "every-3") final List<FeedForwardNetwork> ffns = ffns(2);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedAttention extends Module {
    final LayerNorm norm = new LayerNorm(4, 1e-6);
    @Expertize final Attention attn = new Attention(4, 2);
    final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedLinear extends Module {
    @Expertize final Linear fc = new Linear(4, 4);
    final FeedForward mlp = ffn();
    final GatedFeedForward gated = new GatedFeedForward(4, 8, Activation.GELU, 0.0);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedListOfLinear extends Module {
    @Expertize final List<Linear> layers = List.of(new Linear(4, 4), new Linear(4, 4));
    final List<FeedForwardNetwork> ffns = ffns(2);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedEmptyListOfLinear extends Module {
    @Expertize final List<Linear> layers = List.of();
    final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedAttentionOnly extends Module {
    @Expertize final Attention attn = new Attention(4, 2);
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class ExpertizedNullAttention extends Module {
    @Expertize final Attention attn = null;
    final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class OneNullFfn extends Module {
    @Expertize final FeedForward absent = null;
    @Expertize final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.MEMORY_BANK)
  static class OnlyNullFfn extends Module {
    @Expertize final FeedForward mlp = null;
  }

  /** @Expertize without @FusionScheme: trains dense, with a warning. */
  static class Unscheduled extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  /** A plain dense model: no annotation at all. */
  static class Plain extends Module {
    final FeedForward mlp = ffn();
  }

  @FusionScheme(Scheme.DYNAMIC)
  static class SchemeWithoutField extends Module {
    final FeedForward mlp = ffn();
  }

  @FusionScheme(value = Scheme.MEMORY_BANK, momentum = 1.0, shareRate = 1.5)
  static class ManyProblems extends Module {
    @Expertize(experts = 0) final FeedForward mlp = ffn();
    @Expertize final Attention attn = new Attention(4, 2);
    @Expertize(placement = "middle") final FeedForward second = ffn();
  }

  /** Every annotation value off its default (and valid), for the override tests. */
  @FusionScheme(value = Scheme.TOP_K, momentum = 0.9, sharedRouter = false, biasCorrectedBank = true,
      normalizedWeights = true, shareRate = 0.2, shareSchedule = ShareSchedule.CONSTANT, k = 2,
      capacityFactor = 1.5, balanceLossWeight = 0.02, earlyEwaFraction = 0.5)
  static class Tuned extends Module {
    @Expertize(experts = 3, placement = "even") final List<FeedForwardNetwork> ffns = ffns(4);
  }

  @FusionScheme(value = Scheme.MEMORY_BANK)
  static class SingleExpert extends Module {
    @Expertize(experts = 1) final List<FeedForwardNetwork> ffns = ffns(2);
  }

  @FusionScheme(value = Scheme.DYNAMIC, normalizedWeights = true)
  static class Parent extends Module {
    @Expertize(experts = 3) final FeedForward mlp = ffn();
  }

  static class Child extends Parent {
    final Linear extra = new Linear(4, 4);
    @Expertize(experts = 2) final FeedForward second = ffn();
  }

  @FusionScheme(Scheme.STATIC)
  static class Redeclared extends Parent {}

  static class BaseBlock extends Module {
    @Expertize(experts = 2) final FeedForward mlp = ffn();
  }

  static class DerivedBlock extends BaseBlock {
    final Attention attn = new Attention(4, 2);
  }

  @FusionScheme(Scheme.EWA)
  static class Tower extends Module {
    final List<DerivedBlock> blocks = List.of(new DerivedBlock(), new DerivedBlock());
  }

  @FusionScheme(value = Scheme.MEMORY_BANK, momentum = 1.0)
  static class BadParent extends Module {
    @Expertize final FeedForward mlp = ffn();
  }

  static class BadChild extends BadParent {}

  /** One FFN held by two @Expertize fields: one expert set, where the walk first meets it. */
  @FusionScheme(Scheme.STATIC)
  static class SharedFfn extends Module {
    @Expertize final FeedForward first = ffn();
    @Expertize final FeedForward again = first;
  }

  // ---------------------------------------------------------------- helpers

  static ExpertPlan plan(Module m) {
    return plan(m, FusionOverrides.none());
  }

  static ExpertPlan plan(Module m, FusionOverrides o) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(m), o);
  }

  static List<String> problems(Module m) {
    return problems(m, FusionOverrides.none());
  }

  static List<String> problems(Module m, FusionOverrides o) {
    ExpertizeException e = catchThrowableOfType(() -> plan(m, o), ExpertizeException.class);
    assertThat(e).as("building %s should fail", m.getClass().getSimpleName()).isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    return e.problems();
  }

  static List<String> paths(ExpertPlan plan) {
    return plan.sets().stream().map(ExpertSet::path).toList();
  }

  /** {@code name} of the fixture class {@code c}, as messages spell it. */
  static String n(Class<?> c) {
    return c.getName();
  }

  /** {@code base} with one override ({@code scheme}, {@code experts}, {@code placement} or an attribute's name) set. */
  static FusionOverrides with(FusionOverrides base, String component, Object value) {
    FusionOverrides.Builder b = base.toBuilder();
    switch (component) {
      case "scheme" -> b.scheme((Scheme) value);
      case "experts" -> b.experts((Integer) value);
      case "placement" -> b.placement((String) value);
      default -> set(b, FusionAttribute.named(component), value);
    }
    return b.build();
  }

  private static <T> void set(FusionOverrides.Builder b, FusionAttribute<T> attribute, Object value) {
    b.set(attribute, attribute.type().cast(value));
  }

  static FusionOverrides with(String component, Object value) {
    return with(FusionOverrides.none(), component, value);
  }

  // ---------------------------------------------------------------- invalid values

  @Nested
  class InvalidValues {
    @Test
    void zeroExpertsNamesTheFieldTheValueAndTheRange() {
      assertThat(problems(new ZeroExperts())).containsExactly(
          "@Expertize(experts = 0) on " + n(ZeroExperts.class) + ".mlp: must be at least 1 "
              + "(1 keeps the FFN dense; published default 4)");
      assertThat(problems(new NegativeExperts())).singleElement().asString()
          .startsWith("@Expertize(experts = -2) on " + n(NegativeExperts.class) + ".mlp: must be at least 1");
    }

    @Test
    void zeroExpertsFromAnOverrideNamesTheKeyAndTheField() {
      assertThat(problems(new Stack(2), with("experts", 0))).containsExactly(
          "fusion.experts = 0 (applied to " + n(Block.class) + ".mlp): must be at least 1 "
              + "(1 keeps the FFN dense; published default 4)");
    }

    @Test
    void momentumOutsideZeroToOne() {
      assertThat(problems(new MomentumOne())).containsExactly(
          "@FusionScheme(momentum = 1.0) on " + n(MomentumOne.class)
              + ": the bank momentum δ must be in [0, 1) (default 0.95)");
      assertThat(problems(new MomentumNegative())).containsExactly(
          "@FusionScheme(momentum = -0.1) on " + n(MomentumNegative.class)
              + ": the bank momentum δ must be in [0, 1) (default 0.95)");
    }

    @Test
    void shareRateAboveOne() {
      assertThat(problems(new ShareRateTooHigh())).containsExactly(
          "@FusionScheme(shareRate = 1.5) on " + n(ShareRateTooHigh.class)
              + ": the share rate β must be in [0, 1] (default 0.3; EWA tunes it in 0.1..0.5)");
    }

    @Test
    void kAboveExpertsNamesBoth() {
      assertThat(problems(new KAboveExperts())).containsExactly(
          "@FusionScheme(k = 5) on " + n(KAboveExperts.class) + " exceeds the 4 experts of "
              + n(KAboveExperts.class) + ".mlp (@Expertize(experts = 4)): top-k sends each token to k of the "
              + "experts, so k must be at most 4");
    }

    @Test
    void kAboveExpertsWhenEitherSideIsOverriddenNamesTheKey() {
      assertThat(problems(new KAboveExperts(), with("k", 6))).singleElement().asString()
          .startsWith("fusion.top-k = 6 exceeds the 4 experts of " + n(KAboveExperts.class) + ".mlp (@Expertize(experts = 4))");
      assertThat(problems(new Tuned(), with("k", 4))).singleElement().asString()
          .startsWith("fusion.top-k = 4 exceeds the 3 experts of " + n(Tuned.class) + ".ffns (@Expertize(experts = 3))");
      // one expert is the dense FFN, whatever k: a sweep's N = 1 baseline builds
      assertThat(plan(new Tuned(), with("experts", 1)).sets()).isEmpty();
      // k only matters to top-k: the same values under another scheme build
      assertThat(plan(new KAboveExperts(), with("scheme", Scheme.STATIC)).sets()).hasSize(1);
    }

    @Test
    void kBelowOne() {
      assertThat(problems(new KZero())).containsExactly(
          "@FusionScheme(k = 0) on " + n(KZero.class) + ": the experts per token k must be >= 1 (default 1)");
    }

    @Test
    void capacityFactorZero() {
      assertThat(problems(new ZeroCapacity())).containsExactly(
          "@FusionScheme(capacityFactor = 0.0) on " + n(ZeroCapacity.class)
              + ": the expert capacity factor must be > 0 (default 1.05; a multiple of an even share of the tokens)");
    }

    @Test
    void balanceLossWeightNegative() {
      assertThat(problems(new NegativeBalance())).containsExactly(
          "@FusionScheme(balanceLossWeight = -0.01) on " + n(NegativeBalance.class)
              + ": the weight λ of the Switch load-balancing loss must be >= 0 (default 0.01)");
    }

    @Test
    void earlyEwaFractionAboveOne() {
      assertThat(problems(new EarlyEwaTwo())).containsExactly(
          "@FusionScheme(earlyEwaFraction = 2.0) on " + n(EarlyEwaTwo.class)
              + ": the Early EWA fraction of training must be in [0, 1] (default 0; the leading fraction during which the experts are averaged; 0 = off, published 0.5)");
    }

    @Test
    void badValuesFromOverridesNameTheConfigurationKey() {
      Module m = new Stack(2);
      assertThat(problems(m, with("momentum", 1.0))).containsExactly(
          "fusion.momentum = 1.0: the bank momentum δ must be in [0, 1) (default 0.95)");
      assertThat(problems(m, with("shareRate", -0.5))).singleElement().asString().startsWith("fusion.share-rate = -0.5: ");
      assertThat(problems(m, with("k", 0))).singleElement().asString().startsWith("fusion.top-k = 0: ");
      assertThat(problems(m, with("capacityFactor", 0.0))).singleElement().asString()
          .startsWith("fusion.capacity-factor = 0.0: ");
      assertThat(problems(m, with("balanceLossWeight", -1.0))).singleElement().asString()
          .startsWith("fusion.balance-loss-weight = -1.0: ");
      assertThat(problems(m, with("earlyEwaFraction", 1.5))).singleElement().asString()
          .startsWith("fusion.early-ewa-fraction = 1.5: ");
    }

    @Test
    void anOverrideRepairsABadAnnotationValue() {
      assertThat(plan(new MomentumOne(), with("momentum", 0.9)).settings().momentum()).isEqualTo(0.9);
    }

    @Test
    void anInheritedBadValueNamesTheClassThatDeclaresIt() {
      assertThat(problems(new BadChild())).singleElement().asString()
          .startsWith("@FusionScheme(momentum = 1.0) on " + n(BadParent.class) + ":");
    }

    @Test
    void badAnnotationValuesAreRejectedEvenWhenTheRunIsDense() {
      // a sweep that starts with fusion.scheme=dense learns about a broken annotation at once, not later
      assertThat(problems(new MomentumOne(), with("scheme", Scheme.DENSE))).hasSize(1);
      assertThat(problems(new ZeroExperts(), with("scheme", Scheme.DENSE))).hasSize(1);
      assertThat(problems(new UnparsablePlacement(), with("scheme", Scheme.DENSE))).hasSize(1);
    }

    @Test
    void severalProblemsAreReportedAtOnce() {
      String c = n(ManyProblems.class);
      List<String> p = problems(new ManyProblems());
      assertThat(p).hasSize(5);
      assertThat(p.get(0)).startsWith("@FusionScheme(momentum = 1.0) on " + c + ": ");
      assertThat(p.get(1)).startsWith("@FusionScheme(shareRate = 1.5) on " + c + ": ");
      assertThat(p.get(2)).startsWith("@Expertize on " + c + ".attn: ").endsWith("Did you mean 'mlp'?");
      assertThat(p.get(3)).startsWith("@Expertize(experts = 0) on " + c + ".mlp: ");
      assertThat(p.get(4)).startsWith("@Expertize(placement = \"middle\") on " + c + ".second: ");
    }
  }

  // ---------------------------------------------------------------- placement

  @Nested
  class Placements {
    @Test
    void placementBeyondTheDepth() {
      assertThat(problems(new LastFourOfThree())).containsExactly(
          "@Expertize(placement = \"last-4\") on " + n(LastFourOfThree.class) + ".ffns: "
              + "placement 'last-4' asks for 4 occurrences, but there are only 3 occurrences");
      assertThat(problems(new ListBeyondDepth())).containsExactly(
          "@Expertize(placement = \"0,5\") on " + n(ListBeyondDepth.class) + ".ffns: "
              + "placement '0,5' names index 5, but there are only 3 occurrences (0..2)");
    }

    @Test
    void placementThatDoesNotParse() {
      assertThat(problems(new UnparsablePlacement())).containsExactly(
          "@Expertize(placement = \"middle\") on " + n(UnparsablePlacement.class) + ".ffns: "
              + "placement 'middle' is not one of: " + Placement.FORMS);
    }

    @Test
    void placementOverrideErrorsNameTheKey() {
      assertThat(problems(new Stack(3), with("placement", "last-5"))).containsExactly(
          "fusion.placement = \"last-5\" (applied to " + n(Block.class) + ".mlp): "
              + "placement 'last-5' asks for 5 occurrences, but there are only 3 occurrences");
      assertThat(problems(new Stack(3), with("placement", "sideways"))).singleElement().asString()
          .startsWith("fusion.placement = \"sideways\" (applied to " + n(Block.class) + ".mlp): ")
          .contains("all, every-K, odd, even, first-K, last-K");
    }

    @Test
    void aPlacementThatChoosesNothingWarns() {
      ExpertPlan plan = plan(new EveryThirdOfTwo());
      assertThat(plan.sets()).isEmpty();
      assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.warnings()).containsExactly(n(EveryThirdOfTwo.class)
          + ".ffns: placement 'every-3' chooses none of its 2 occurrences, so it trains dense");
    }

    @Test
    void setsAreCreatedInModelOrderWithTheirPaths() {
      assertThat(paths(plan(ExpertMlp.small(), with("placement", "even")))).containsExactly("ffns.0", "ffns.2");
      assertThat(paths(plan(ExpertMlp.small()))).containsExactly("ffns.0", "ffns.1", "ffns.2");
      assertThat(paths(plan(new Listed()))).containsExactly("ffns.0", "ffns.1", "ffns.2");
    }

    @Test
    void anAnnotationInsideTheBlocksCountsOccurrencesOverTheWholeModelInOrder() {
      Stack stack = new Stack(12);
      List<String> all = IntStream.range(0, 12).mapToObj(i -> "blocks." + i + ".mlp").toList();
      assertThat(paths(plan(stack))).containsExactlyElementsOf(all);
      assertThat(paths(plan(stack, with("placement", "last-4"))))
          .containsExactly("blocks.8.mlp", "blocks.9.mlp", "blocks.10.mlp", "blocks.11.mlp");
      assertThat(paths(plan(stack, with("placement", "every-3"))))
          .containsExactly("blocks.2.mlp", "blocks.5.mlp", "blocks.8.mlp", "blocks.11.mlp");
      assertThat(paths(plan(stack, with("placement", "[11, 0, 4]"))))
          .containsExactly("blocks.0.mlp", "blocks.4.mlp", "blocks.11.mlp");
      ExpertPlan plan = plan(stack, with("placement", "first-2"));
      assertThat(plan.fields()).containsExactly(
          new ExpertPlan.ExpertField(n(Block.class) + ".mlp", 4, "first-2", List.of("blocks.0.mlp", "blocks.1.mlp")));
      // each set stands in for exactly the FFN at its path
      ModuleTree tree = ModuleTree.of(stack);
      plan.sets().forEach(s -> assertThat(tree.pathOf(s.ffn())).isEqualTo(s.path()));
    }

    @Test
    void setsOfSeveralFieldsFollowModelOrderToo() {
      ExpertPlan plan = plan(new Mixed());
      assertThat(paths(plan)).containsExactly("blocks.0.mlp", "blocks.1.mlp", "tail");
      assertThat(plan.fields()).extracting(ExpertPlan.ExpertField::field)
          .containsExactly(n(Block.class) + ".mlp", n(Mixed.class) + ".tail");
      assertThat(plan.sets()).extracting(ExpertSet::experts).containsExactly(4, 4, 2);
    }

    @Test
    void aSharedFfnBecomesOneSet() {
      assertThat(paths(plan(new SharedFfn()))).containsExactly("first");
    }
  }

  // ---------------------------------------------------------------- targets

  @Nested
  class Targets {
    @Test
    void onAnAttentionFieldSuggestsTheFeedForwardField() {
      assertThat(problems(new ExpertizedAttention())).containsExactly(
          "@Expertize on " + n(ExpertizedAttention.class) + ".attn: needs a FeedForwardNetwork field (or a List of them); "
              + "'attn' is an Attention. Did you mean 'mlp'?");
    }

    @Test
    void onALinearFieldSuggestsTheNearestFeedForwardField() {
      assertThat(problems(new ExpertizedLinear())).containsExactly(
          "@Expertize on " + n(ExpertizedLinear.class) + ".fc: needs a FeedForwardNetwork field (or a List of them); "
              + "'fc' is a Linear. Did you mean 'mlp'?");
    }

    @Test
    void onAListOfSomethingElseNamesTheElementTypeAndSuggestsAListOfFfns() {
      assertThat(problems(new ExpertizedListOfLinear())).containsExactly(
          "@Expertize on " + n(ExpertizedListOfLinear.class) + ".layers: needs a FeedForwardNetwork field "
              + "(or a List of them); 'layers' is a List of Linear. Did you mean 'ffns'?");
      assertThat(problems(new ExpertizedEmptyListOfLinear())).singleElement().asString()
          .contains("'layers' is a List of Linear. Did you mean 'mlp'?");
    }

    @Test
    void withoutAnyFeedForwardFieldSaysWhatCanBeExpertized() {
      assertThat(problems(new ExpertizedAttentionOnly())).containsExactly(
          "@Expertize on " + n(ExpertizedAttentionOnly.class) + ".attn: needs a FeedForwardNetwork field (or a List of "
              + "them); 'attn' is an Attention. Only feed-forward layers (FeedForward, GatedFeedForward) can become experts.");
    }

    @Test
    void aNullFieldOfAnotherTypeIsStillMisplaced() {
      assertThat(problems(new ExpertizedNullAttention())).singleElement().asString()
          .contains("'attn' is an Attention. Did you mean 'mlp'?");
    }

    @Test
    void onAListOfFfnsEveryElementIsAnOccurrence() {
      ExpertPlan plan = plan(new Listed());
      assertThat(plan.sets()).hasSize(3).allSatisfy(s -> assertThat(s).isInstanceOf(MemoryBankFusion.class));
      assertThat(plan.fields()).containsExactly(
          new ExpertPlan.ExpertField(n(Listed.class) + ".ffns", 3, "all", List.of("ffns.0", "ffns.1", "ffns.2")));
    }

    @Test
    void aNullFfnFieldIsSkippedWithAWarning() {
      ExpertPlan plan = plan(new OneNullFfn());
      assertThat(paths(plan)).containsExactly("mlp");
      assertThat(plan.warnings()).containsExactly(
          n(OneNullFfn.class) + ".absent is null in the model: there is no feed-forward layer to expertize, it is skipped");
    }

    @Test
    void onlyNullFfnFieldsAreAnErrorUnlessDense() {
      assertThat(problems(new OnlyNullFfn())).containsExactly(
          "@FusionScheme(MEMORY_BANK) on " + n(OnlyNullFfn.class) + ", but every @Expertize field of "
              + n(OnlyNullFfn.class) + " is null (" + n(OnlyNullFfn.class) + ".mlp): there is no feed-forward layer "
              + "to train as experts; build them, or train dense with fusion.scheme=dense");
      assertThat(plan(new OnlyNullFfn(), with("scheme", Scheme.DENSE)).sets()).isEmpty();
    }
  }

  // ---------------------------------------------------------------- schemes

  @Nested
  class Schemes {
    @Test
    void expertizeWithoutFusionSchemeTrainsDenseAndWarns() {
      ExpertPlan plan = plan(new Unscheduled());
      assertThat(plan.sets()).isEmpty();
      assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.settings()).isEqualTo(FusionSettings.defaults(Scheme.DENSE));
      assertThat(plan.warnings()).singleElement().asString()
          .startsWith(n(Unscheduled.class) + " has @Expertize fields but no @FusionScheme: it trains dense.")
          .contains("@FusionScheme").contains("fusion.scheme");
      // the warning is for the model as written: a configured scheme silences it
      assertThat(plan(new Unscheduled(), with("scheme", Scheme.DENSE)).warnings()).isEmpty();
      assertThat(paths(plan(new Unscheduled(), with("scheme", Scheme.STATIC)))).containsExactly("mlp");
    }

    @Test
    void aPlainModelIsDenseWithoutWarnings() {
      ExpertPlan plan = plan(new Plain());
      assertThat(plan.sets()).isEmpty();
      assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aSchemeOverrideOnAModelWithoutExpertizeSaysWhatToDo() {
      assertThat(problems(new Plain(), FusionOverrides.of(Scheme.MEMORY_BANK, 4))).containsExactly(
          "fusion.scheme = mb, but " + n(Plain.class) + " has no @Expertize field: annotate its feed-forward fields "
              + "(FeedForwardNetwork) with @Expertize, or train it dense with fusion.scheme=dense");
      assertThat(problems(new SchemeWithoutField())).containsExactly(
          "@FusionScheme(DYNAMIC) on " + n(SchemeWithoutField.class) + ", but " + n(SchemeWithoutField.class)
              + " has no @Expertize field: annotate its feed-forward fields (FeedForwardNetwork) with @Expertize, "
              + "or train it dense with fusion.scheme=dense");
    }

    @Test
    void denseOverrideOnAnAnnotatedClassGivesAnEmptyPlan() {
      ExpertPlan plan = plan(new Stack(3), with("scheme", Scheme.DENSE));
      assertThat(plan.sets()).isEmpty();
      assertThat(plan.fields()).isEmpty();
      assertThat(plan.warnings()).isEmpty();
      assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.settings().scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.overrides()).isEmpty();
      assertThat(plan.exactlyFusible()).isTrue();
    }

    @Test
    void oneExpertLeavesTheFfnDense() {
      ExpertPlan plan = plan(new SingleExpert());
      assertThat(plan.sets()).isEmpty();
      assertThat(plan.scheme()).isEqualTo(Scheme.DENSE);
      assertThat(plan.settings().scheme()).isEqualTo(Scheme.MEMORY_BANK);
      assertThat(plan.fields()).containsExactly(new ExpertPlan.ExpertField(n(SingleExpert.class) + ".ffns", 1, "all", List.of()));
      assertThat(plan.warnings()).isEmpty();
      assertThat(plan(new Stack(3), with("experts", 1)).sets()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = "DENSE", mode = EnumSource.Mode.EXCLUDE)
    void everySchemeCreatesItsKindOfSet(Scheme scheme) {
      Class<?> kind = switch (scheme) {
        case STATIC -> StaticFusion.class;
        case DYNAMIC -> DynamicFusion.class;
        case MEMORY_BANK -> MemoryBankFusion.class;
        case EWA -> EwaExperts.class;
        case TOP_K -> TopKExperts.class;
        case DENSE -> throw new AssertionError();
      };
      ExpertPlan plan = plan(new Stack(2), FusionOverrides.of(scheme, 3));
      assertThat(plan.scheme()).isEqualTo(scheme);
      assertThat(plan.sets()).hasSize(2).allSatisfy(s -> {
        assertThat(s).isInstanceOf(kind);
        assertThat(s.experts()).isEqualTo(3);
      });
    }

    @Test
    void aSubclassInheritsFusionSchemeAndSuperclassFields() {
      ExpertPlan plan = plan(new Child());
      assertThat(plan.settings().scheme()).isEqualTo(Scheme.DYNAMIC);
      assertThat(plan.settings().normalizedWeights()).isTrue();
      assertThat(paths(plan)).containsExactly("mlp", "second");
      assertThat(plan.fields()).extracting(ExpertPlan.ExpertField::field, ExpertPlan.ExpertField::experts)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(n(Parent.class) + ".mlp", 3),
              org.assertj.core.groups.Tuple.tuple(n(Child.class) + ".second", 2));
      // a subclass's own @FusionScheme wins over its parent's (all of it: normalizedWeights back to default)
      ExpertPlan redeclared = plan(new Redeclared());
      assertThat(redeclared.settings()).isEqualTo(FusionSettings.defaults(Scheme.STATIC));
      assertThat(paths(redeclared)).containsExactly("mlp");
    }

    @Test
    void fieldsDeclaredInASuperclassOfABlockAreFound() {
      ExpertPlan plan = plan(new Tower());
      assertThat(plan.scheme()).isEqualTo(Scheme.EWA);
      assertThat(paths(plan)).containsExactly("blocks.0.mlp", "blocks.1.mlp");
      assertThat(plan.fields()).extracting(ExpertPlan.ExpertField::field).containsExactly(n(BaseBlock.class) + ".mlp");
    }
  }

  // ---------------------------------------------------------------- overrides

  static Stream<Arguments> eachOverride() {
    return Stream.of(
        Arguments.of("scheme", Scheme.EWA, (Function<ExpertPlan, Object>) p -> p.settings().scheme()),
        Arguments.of("momentum", 0.5, (Function<ExpertPlan, Object>) p -> p.settings().momentum()),
        Arguments.of("sharedRouter", true, (Function<ExpertPlan, Object>) p -> p.settings().sharedRouter()),
        Arguments.of("biasCorrectedBank", false, (Function<ExpertPlan, Object>) p -> p.settings().biasCorrectedBank()),
        Arguments.of("normalizedWeights", false, (Function<ExpertPlan, Object>) p -> p.settings().normalizedWeights()),
        Arguments.of("shareRate", 0.45, (Function<ExpertPlan, Object>) p -> p.settings().shareRate()),
        Arguments.of("shareSchedule", ShareSchedule.LINEAR, (Function<ExpertPlan, Object>) p -> p.settings().shareSchedule()),
        Arguments.of("k", 3, (Function<ExpertPlan, Object>) p -> p.settings().k()),
        Arguments.of("capacityFactor", 2.0, (Function<ExpertPlan, Object>) p -> p.settings().capacityFactor()),
        Arguments.of("balanceLossWeight", 0.0, (Function<ExpertPlan, Object>) p -> p.settings().balanceLossWeight()),
        Arguments.of("earlyEwaFraction", 0.25, (Function<ExpertPlan, Object>) p -> p.settings().earlyEwaFraction()),
        Arguments.of("experts", 5, (Function<ExpertPlan, Object>) p -> p.fields().get(0).experts()),
        Arguments.of("placement", "odd", (Function<ExpertPlan, Object>) p -> p.fields().get(0).placement()));
  }

  @Nested
  class Overrides {
    private final FusionSettings annotated = FusionSettings.of(Tuned.class.getAnnotation(FusionScheme.class));

    @Test
    void withoutOverridesTheAnnotationsRule() {
      ExpertPlan plan = plan(new Tuned());
      assertThat(plan.settings()).isEqualTo(settings(Scheme.TOP_K, 0.9, false, true, true, 0.2,
          ShareSchedule.CONSTANT, 2, 1.5, 0.02, 0.5));
      assertThat(plan.fields()).containsExactly(
          new ExpertPlan.ExpertField(n(Tuned.class) + ".ffns", 3, "even", List.of("ffns.0", "ffns.2")));
      assertThat(plan.sets()).allSatisfy(s -> assertThat(s).isInstanceOf(TopKExperts.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.expertize.experts.ReflectiveExpertBuilderTest#eachOverride")
    void eachOverrideWinsAndLeavesTheRestAlone(String component, Object value, Function<ExpertPlan, Object> read) {
      ExpertPlan plain = plan(new Tuned());
      assertThat(read.apply(plain)).as("the fixture's annotation differs from the override").isNotEqualTo(value);
      FusionOverrides o = with(component, value);
      ExpertPlan plan = plan(new Tuned(), o);
      assertThat(read.apply(plan)).isEqualTo(value);
      // every other setting is the annotation's
      assertThat(plan.settings()).isEqualTo(o.applyTo(annotated));
      if (!component.equals("scheme")) {
        assertThat(plan.settings()).isEqualTo(withSetting(annotated, component, value));
      }
    }

    @Test
    void allOverridesAtOnce() {
      FusionOverrides o = FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(5).placement("odd")
          .set(FusionAttribute.MOMENTUM, 0.8).set(FusionAttribute.SHARED_ROUTER, true)
          .set(FusionAttribute.BIAS_CORRECTED_BANK, false).set(FusionAttribute.NORMALIZED_WEIGHTS, false)
          .set(FusionAttribute.SHARE_RATE, 0.4).set(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.LINEAR)
          .set(FusionAttribute.K, 1).set(FusionAttribute.CAPACITY_FACTOR, 2.0)
          .set(FusionAttribute.BALANCE_LOSS_WEIGHT, 0.05).set(FusionAttribute.EARLY_EWA_FRACTION, 0.25).build();
      ExpertPlan plan = plan(new Tuned(), o);
      assertThat(plan.settings()).isEqualTo(settings(Scheme.MEMORY_BANK, 0.8, true, false, false, 0.4,
          ShareSchedule.LINEAR, 1, 2.0, 0.05, 0.25));
      assertThat(plan.fields()).containsExactly(
          new ExpertPlan.ExpertField(n(Tuned.class) + ".ffns", 5, "odd", List.of("ffns.1", "ffns.3")));
      assertThat(plan.sets()).allSatisfy(s -> {
        assertThat(s).isInstanceOf(MemoryBankFusion.class);
        assertThat(s.experts()).isEqualTo(5);
      });
    }

    @Test
    void overridesApplyToEveryField() {
      ExpertPlan plan = plan(new Mixed(), FusionOverrides.of(Scheme.DYNAMIC, 6));
      assertThat(plan.sets()).extracting(ExpertSet::experts).containsExactly(6, 6, 6);
      assertThat(plan.fields()).extracting(ExpertPlan.ExpertField::experts).containsExactly(6, 6);
    }

    @Test
    void everyOverrideNamesItsConfigurationKey() {
      for (FusionAttribute<?> attribute : FusionAttribute.all()) {
        assertThat(io.expertize.config.Keys.byName(attribute.configKey())).as("%s", attribute).isPresent();
        assertThat(FusionOverrides.none().isSet(attribute)).isFalse();
      }
      assertThat(FusionAttribute.K.configKey()).isEqualTo("fusion.top-k");
      assertThat(FusionAttribute.SHARE_RATE.configKey()).isEqualTo("fusion.share-rate");
      assertThat(FusionAttribute.EARLY_EWA_FRACTION.configKey()).isEqualTo("fusion.early-ewa-fraction");
      assertThat(with("momentum", 0.5).isSet(FusionAttribute.MOMENTUM)).isTrue();
    }

    private FusionSettings withSetting(FusionSettings s, String component, Object value) {
      return FusionSettings.from(a -> a.name().equals(component) ? value : s.get(a));
    }

    /** Settings in the annotation's order of attributes. */
    private FusionSettings settings(Object... values) {
      return FusionSettings.from(a -> values[FusionAttribute.all().indexOf(a)]);
    }
  }
}

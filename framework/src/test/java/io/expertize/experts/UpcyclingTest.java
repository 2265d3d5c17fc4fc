package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.expertize.annotations.Scheme;
import io.expertize.graph.CheckpointIndex;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.VariableStore;
import io.expertize.nn.ImageClassifier;
import io.expertize.testing.ExpertMlp;
import io.expertize.testing.GradientChecker;
import io.expertize.train.AdamW;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Upcycling (docs/methods.md section 4): an expert run starts from a dense checkpoint of the same model.
 * The dense source is ExpertMlp trained three steps (so its values are not the initial ones); the
 * expert runs use the same seed and batch, so their logits compare with the dense model's.
 */
class UpcyclingTest {
  private static final long SEED = 11;
  private static final int EXPERTS = 4;

  @TempDir static Path tmp;

  private static Checkpoint dense;
  private static Map<String, float[]> denseParams;
  private static float[] denseLogits;

  @BeforeAll
  static void trainDenseSource() {
    try (GraphHarness h = harness(ExpertMlp.small(), ExpertPlan.dense(), SEED)) {
      for (int i = 0; i < 3; i++) {
        h.train(1e-2);
      }
      denseParams = h.fusedParameters();
      denseLogits = h.evalLogits();
      dense = new CheckpointManager(tmp.resolve("dense"), 1).save(h.session, 3, 0);
    }
  }

  private static GraphHarness harness(ImageClassifier model, ExpertPlan plan, long seed) {
    return new GraphHarness(model, plan, new AdamW(0.9, 0.999, 1e-8, 0.05), 8, seed);
  }

  private static GraphHarness experts(FusionOverrides overrides, long seed) {
    ExpertMlp model = ExpertMlp.small();
    return harness(model, GraphHarness.plan(model, overrides), seed);
  }

  private static ExpertPlan plan(Scheme scheme) {
    return GraphHarness.plan(ExpertMlp.small(), FusionOverrides.of(scheme, EXPERTS));
  }

  private static GraphHarness upcycled(Scheme scheme, double noise, long seed) {
    return upcycle(experts(FusionOverrides.of(scheme, EXPERTS), seed), noise, seed);
  }

  private static GraphHarness upcycle(GraphHarness h, double noise, long seed) {
    new Upcycling(dense.path(), dense.variablesPrefix(), noise)
        .apply(h.session, h.graph.tree, h.graph.experts, h.graph.variables, seed);
    return h;
  }

  /** Several variables in one run (each distinct run costs an executor). */
  private static Map<String, float[]> values(GraphHarness h, List<String> names) {
    Session.Runner runner = h.session.runner();
    names.forEach(n -> runner.fetch(h.graph.variables.get(n).read()));
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), GradientChecker.read((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  private static float maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Expert i of a stacked variable, flattened. */
  private static float[] expert(float[] stacked, int i) {
    int n = stacked.length / EXPERTS;
    return Arrays.copyOfRange(stacked, i * n, (i + 1) * n);
  }

  @Test
  void theIndexListsEveryVariableWithItsShapeWithoutReadingData() throws IOException {
    Map<String, CheckpointIndex.Entry> index = CheckpointIndex.read(dense.variablesPrefix());
    for (NamedParam np : ModuleTree.of(ExpertMlp.small()).params()) {
      assertThat(index).containsKey(np.path());
      assertThat(index.get(np.path()).shape()).isEqualTo(np.param().shape());
      // the slots' TF names carry a uniquifying suffix (ffns.0.fc1.weight_3/adam_m): skipped as slots
      assertThat(index.keySet()).anyMatch(k -> k.startsWith(np.path()) && k.endsWith("/adam_m"));
    }
    assertThat(index.get("ffns.0.fc1.weight")).hasToString("[16, 8]");
  }

  /**
   * sw, EWA and dw (weights 1/N) fuse N identical copies into exactly the dense model (top-k's fused
   * parameters, the experts' mean, too); every other parameter is the checkpoint's, bit for bit.
   */
  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"STATIC", "EWA", "DYNAMIC", "TOP_K"})
  void withoutNoiseTheFusedModelIsTheDenseCheckpoint(Scheme scheme) {
    try (GraphHarness h = upcycled(scheme, 0, SEED)) {
      Map<String, float[]> fused = h.fusedParameters();
      assertThat(fused.keySet()).containsExactlyElementsOf(denseParams.keySet());
      for (String name : denseParams.keySet()) {
        assertThat(maxAbsDiff(fused.get(name), denseParams.get(name))).as(name).isZero();
      }
      Map<String, String> sources = new LinkedHashMap<>(); // variable -> dense parameter
      for (NamedParam np : h.graph.tree.params()) {
        if (h.graph.variables.variable(np.param()) != null) {
          sources.put(np.path(), np.path());
        }
      }
      for (ExpertSet set : h.graph.experts.sets()) {
        for (StackedProjection p : set.projections()) {
          sources.put(p.weight().name(), p.weightPath());
          sources.put(p.bias().name(), p.biasPath());
        }
      }
      Map<String, float[]> values = values(h, List.copyOf(sources.keySet()));
      sources.forEach((variable, param) -> {
        float[] v = values.get(variable);
        if (variable.equals(param)) {
          assertThat(v).as(variable).isEqualTo(denseParams.get(param));
        } else {
          for (int i = 0; i < EXPERTS; i++) {
            assertThat(expert(v, i)).as(variable + " expert " + i).isEqualTo(denseParams.get(param));
          }
        }
      });
      if (scheme != Scheme.TOP_K) { // top-k routes with a capacity: not the dense computation
        assertThat(maxAbsDiff(h.evalLogits(), denseLogits)).isLessThanOrEqualTo(1e-6f);
      }
      if (scheme == Scheme.DYNAMIC) { // mixing weights and optimizer slots stay fresh
        assertThat(values(h, List.of("ffns.0.expert_weights", "head.weight/adam_m", "ffns.0.experts.fc1.weight/adam_v")))
            .allSatisfy((name, v) -> assertThat(v).as(name).containsOnly(name.endsWith("expert_weights") ? 1f / EXPERTS : 0f));
      }
    }
  }

  /**
   * mb fuses with its bank, which starts at zero (published): right after upcycling every fused FFN
   * parameter is 0, so the expertized FFNs add nothing (residual only) and the logits are NOT the
   * dense model's. Each step moves the bank by (1-δ)·W with Σ W = 1, so while the copies are identical
   * the fused FFN is (1 - δ^t) times the dense one: 5% after one step, 64% after 20, 95% after 59.
   * The router stays as initialised.
   */
  @Test
  void memoryBankStartsWithTheFfnsOffAndWarmsUpAsOneMinusDeltaToTheT() {
    try (GraphHarness h = experts(FusionOverrides.of(Scheme.MEMORY_BANK, EXPERTS), SEED)) {
      float[] router = h.value("ffns.1.router.weight");
      upcycle(h, 0, SEED);
      assertThat(h.value("ffns.1.router.weight")).isEqualTo(router);
      assertThat(h.value("ffns.1.bank")).containsOnly(0f);
      Map<String, float[]> fused = h.fusedParameters();
      assertThat(fused.get("ffns.0.fc1.weight")).containsOnly(0f);
      assertThat(fused.get("ffns.2.fc2.bias")).containsOnly(0f);
      assertThat(fused.get("head.weight")).isEqualTo(denseParams.get("head.weight"));
      assertThat(maxAbsDiff(h.evalLogits(), denseLogits)).isGreaterThan(1e-3f);
      double delta = h.graph.experts.settings().momentum();
      for (int t = 1; t <= 3; t++) {
        h.train(0.0); // lr 0: parameters stay, only the bank moves
        double scale = 1 - Math.pow(delta, t);
        fused = h.fusedParameters();
        for (String name : List.of("ffns.0.fc1.weight", "ffns.1.fc2.weight", "ffns.2.fc1.bias")) {
          float[] want = denseParams.get(name).clone();
          for (int i = 0; i < want.length; i++) {
            want[i] *= (float) scale;
          }
          assertThat(maxAbsDiff(fused.get(name), want)).as(name + " at t=" + t).isLessThanOrEqualTo(1e-6f);
        }
      }
    }
  }

  /** With the opt-in bias-corrected bank the fused model is the dense one from the first step on. */
  @Test
  void biasCorrectedMemoryBankIsDenseAfterOneStep() {
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(EXPERTS)
        .set(FusionAttribute.BIAS_CORRECTED_BANK, true).build();
    try (GraphHarness h = upcycle(experts(o, SEED), 0, SEED)) {
      assertThat(h.fusedParameters().get("ffns.0.fc1.weight")).containsOnly(0f); // t = 0: the bank is still 0
      h.train(0.0);
      Map<String, float[]> fused = h.fusedParameters();
      for (String name : denseParams.keySet()) {
        assertThat(maxAbsDiff(fused.get(name), denseParams.get(name))).as(name).isLessThanOrEqualTo(1e-6f);
      }
      assertThat(maxAbsDiff(h.evalLogits(), denseLogits)).isLessThanOrEqualTo(1e-5f);
    }
  }

  @Test
  void noiseMakesTheExpertsDifferByNoiseTimesStdAndKeepsTheirMeanDense() {
    double noise = 0.05;
    String name = "ffns.1.experts.fc1.weight";
    try (GraphHarness h = upcycled(Scheme.STATIC, noise, SEED)) {
      float[] stacked = h.value(name);
      float[] d = denseParams.get("ffns.1.fc1.weight");
      double denseStd = std(d, new float[d.length]);
      for (int i = 0; i < EXPERTS; i++) {
        for (int j = i + 1; j < EXPERTS; j++) {
          assertThat(expert(stacked, i)).isNotEqualTo(expert(stacked, j));
        }
        double deviation = std(expert(stacked, i), d); // each expert's deviation from the dense copy
        assertThat(deviation / denseStd).as("expert " + i).isCloseTo(noise, within(0.25 * noise));
      }
      // the noise is centred over the experts: sw (and EWA, dw) still start from the dense model
      Map<String, float[]> fused = h.fusedParameters();
      for (String p : denseParams.keySet()) {
        assertThat(maxAbsDiff(fused.get(p), denseParams.get(p))).as(p).isLessThanOrEqualTo(1e-6f);
      }
      upcycle(h, noise, SEED);
      assertThat(h.value(name)).as("drawn from the run seed").isEqualTo(stacked);
      upcycle(h, noise, SEED + 1);
      assertThat(h.value(name)).as("another seed, other noise").isNotEqualTo(stacked);
    }
  }
  /** Root mean square of {@code a - b} around its mean. */
  private static double std(float[] a, float[] b) {
    double mean = 0;
    for (int i = 0; i < a.length; i++) {
      mean += a[i] - b[i];
    }
    mean /= a.length;
    double ss = 0;
    for (int i = 0; i < a.length; i++) {
      ss += Math.pow(a[i] - b[i] - mean, 2);
    }
    return Math.sqrt(ss / a.length);
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"STATIC", "DYNAMIC", "MEMORY_BANK"})
  void exactCopiesUnderFusedSchemesWarnWhyAndSuggestNoise(Scheme scheme) {
    List<String> w = new Upcycling(dense.path(), dense.variablesPrefix(), 0).warnings(plan(scheme));
    assertThat(w).singleElement().asString()
        .contains("identical copies never diverge", "∂L/∂E_i = w_i · ∂L/∂Ē", "fusion.upcycle-noise (e.g. 0.01)");
    assertThat(new Upcycling(dense.path(), dense.variablesPrefix(), 0.01).warnings(plan(scheme))).isEmpty();
  }

  /** EWA fine-tuning upcycles with plain copies: its random partition gives each expert other tokens. */
  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"EWA", "TOP_K"})
  void plainCopiesAreFineWhereTokensSplitOverExperts(Scheme scheme) {
    assertThat(new Upcycling(dense.path(), dense.variablesPrefix(), 0).warnings(plan(scheme))).isEmpty();
  }

  @Test
  void aCheckpointWithExpertsIsRejectedNamingTheVariables() {
    ExpertMlp model = ExpertMlp.small();
    Checkpoint experts = checkpoint(model, GraphHarness.plan(model, FusionOverrides.of(Scheme.STATIC, EXPERTS)), "sw");
    Upcycling u = new Upcycling(experts.path(), experts.variablesPrefix(), 0);
    assertThatThrownBy(() -> u.check(ModuleTree.of(ExpertMlp.small())))
        .isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("fusion.upcycle-from: checkpoint " + experts.path() + " was trained with experts, not dense")
        .hasMessageContaining("ffns.0.experts.fc1.weight [4, 16, 8]")
        .hasMessageContaining("ffns.0.fc1.weight: expected [16, 8], not in the checkpoint (it has "
            + "ffns.0.experts.fc1.weight [4, 16, 8] instead)")
        .hasMessageContaining("fusion.scheme=dense");
  }

  @Test
  void aCheckpointOfAnotherModelIsRejectedExpectedVersusFound() {
    Checkpoint wider = checkpoint(new ExpertMlp(14, 7, 16, 3, false, 0.0, 3), ExpertPlan.dense(), "wider");
    Upcycling u = new Upcycling(wider.path(), wider.variablesPrefix(), 0);
    assertThatThrownBy(() -> u.check(ModuleTree.of(ExpertMlp.small())))
        .isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("does not hold the dense parameters of this model")
        .hasMessageContaining("patch_embed.proj.weight: expected [8, 1, 7, 7], found [16, 1, 7, 7]")
        .hasMessageContaining("... and 13 more parameters missing or mis-shaped");

    Checkpoint deeper = checkpoint(new ExpertMlp(14, 7, 8, 4, false, 0.0, 3), ExpertPlan.dense(), "deeper");
    assertThatThrownBy(() -> new Upcycling(deeper.path(), deeper.variablesPrefix(), 0).check(ModuleTree.of(ExpertMlp.small())))
        .hasMessageContaining("variables this model does not have: ffns.3.fc1.bias [16]");

    Checkpoint shallower = checkpoint(new ExpertMlp(14, 7, 8, 2, false, 0.0, 3), ExpertPlan.dense(), "shallower");
    assertThatThrownBy(() -> new Upcycling(shallower.path(), shallower.variablesPrefix(), 0).check(ModuleTree.of(ExpertMlp.small())))
        .hasMessageContaining("ffns.2.fc1.weight: expected [16, 8], not in the checkpoint")
        .hasMessageNotContaining("found");
  }

  @Test
  void upcyclingAnotherModelFailsBeforeChangingAnything() {
    Checkpoint gated = checkpoint(new ExpertMlp(14, 7, 8, 3, true, 0.0, 3), ExpertPlan.dense(), "gated");
    try (GraphHarness h = experts(FusionOverrides.of(Scheme.STATIC, EXPERTS), SEED)) {
      float[] before = h.value("head.weight");
      Upcycling u = new Upcycling(gated.path(), gated.variablesPrefix(), 0);
      assertThatThrownBy(() -> u.apply(h.session, h.graph.tree, h.graph.experts, h.graph.variables, SEED))
          .isInstanceOf(ExpertizeException.class)
          .hasMessageContaining("ffns.0.fc1.weight: expected [16, 8], not in the checkpoint");
      assertThat(h.value("head.weight")).isEqualTo(before);
    }
  }

  @Test
  void aFileThatIsNoCheckpointIndexIsRejected() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("garbage"));
    Files.writeString(dir.resolve("variables.index"), "not a table");
    assertThatThrownBy(() -> new Upcycling(dir, dir.resolve("variables"), 0).check(ModuleTree.of(ExpertMlp.small())))
        .isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("fusion.upcycle-from: cannot read the variable list of checkpoint " + dir);
    assertThatThrownBy(() -> new Upcycling(dir, dir.resolve("variables"), -0.1))
        .hasMessageContaining("fusion.upcycle-noise = -0.1 must be a finite number >= 0");
  }

  /** A checkpoint of just the variables of {@code model} with {@code plan} (no training graph: fast). */
  private static Checkpoint checkpoint(ImageClassifier model, ExpertPlan plan, String name) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      plan.declare(new VariableStore(Ops.create(g), SEED), ModuleTree.of(model));
      s.initialize();
      return new CheckpointManager(tmp.resolve(name), 1).save(s, 1, 0);
    }
  }
}

package io.expertize.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.expertize.annotations.Scheme;
import io.expertize.data.Batch;
import io.expertize.data.ImageShape;
import io.expertize.data.Normalization;
import io.expertize.data.text.ByteText;
import io.expertize.data.text.TextBatch;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportResult;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.export.ImageServing;
import io.expertize.export.SavedModelInspector;
import io.expertize.export.Serving;
import io.expertize.export.TextServing;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.Seq2SeqGraph;
import io.expertize.train.io.Checkpoint;
import io.expertize.zoo.t5.T5Model;
import io.expertize.nn.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every registered model at a tiny size, image classifiers and text-to-text models alike: the
 * annotations alone give memory-bank experts (4 per FFN, every block), through the processor's
 * generated builder (same plan as the reflective one), the logits have the right shape, one training
 * step runs with the experts and dense (fusion.scheme=dense) with a loss near chance, and the expert
 * model exports to a dense SavedModel that computes what it computed, with the dense model's
 * parameter count. Named configs that the tiny request reduces to the same model (pvt_tiny ..
 * pvt_large; t5_small and t5_base) build the same graph, which trains and exports once.
 *
 * <p>What differs between the two kinds of model (the tiny request, the input, the logits, how the
 * export is served) is a {@link Family}; the test itself is the same for both.
 */
class ZooRegistryTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();
  private static final int BATCH = 2;
  private static final Set<String> TRAINED = ConcurrentHashMap.newKeySet();

  @TempDir Path tmp;

  static Stream<String> models() {
    return REGISTRY.all().keySet().stream();
  }

  /** The part of the test that depends on what kind of model it is. */
  private interface Family {
    static Family of(String name) {
      Module reference = REGISTRY.get(name).reference(); // module objects only: no graph, no weights
      if (reference instanceof ImageClassifier) {
        return IMAGES;
      }
      if (reference instanceof Seq2SeqModel) {
        return TEXT;
      }
      return fail("no family for " + name + " (" + reference.getClass().getName() + "): add one here");
    }

    /** Overrides that make a graph build take about a second. */
    ModelRequest tiny(String name);

    /** The inference logits on placeholders with an unknown batch size. */
    Operand<TFloat32> symbolicLogits(Module model, Ops tf, ForwardContext ctx);

    /** The logits' shape for {@code batch} examples ({@code -1} for unknown). */
    Shape logitsShape(Module model, long batch);

    /** The number of outputs a prediction chooses from: at initialisation the loss is about its log. */
    int outputs(Module model);

    OneTrainingStep trainOneStep(Module model, ExpertPlan plan, Path checkpoints);

    Serving serving(Module model);

    /** Equal for two models that build the same graph. */
    default String structure(Module model) {
      return model.getClass().getName() + ModuleTree.of(model).params().stream()
          .map(p -> p.path() + Arrays.toString(p.param().dims())).collect(Collectors.joining(","));
    }
  }

  /** Image classifiers: 16x16x3 images in 5 classes; per family, overrides that keep every stage valid. */
  private static final Family IMAGES = new Family() {
    private static final int SIZE = 16;
    private static final int CLASSES = 5;

    @Override
    public ModelRequest tiny(String model) {
      String family = model.substring(0, model.indexOf('_'));
      return switch (family) {
        case "vit", "deit" -> ModelRequest.builder().images(SIZE, 3, CLASSES).patchSize(8).dim(16).depth(2).heads(2).build();
        case "pvt" -> ModelRequest.builder().images(SIZE, 3, CLASSES).patchSize(2).dim(8).depth(1).heads(1).build(); // all 4 stages
        case "swin" -> ModelRequest.builder().images(SIZE, 3, CLASSES).patchSize(2).dim(8).depth(2).heads(1).windowSize(2).build(); // all 4 stages
        default -> fail("no tiny request for the image family of " + model + ": add one here");
      };
    }

    @Override
    public Operand<TFloat32> symbolicLogits(Module model, Ops tf, ForwardContext ctx) {
      var images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
      return ((ImageClassifier) model).logits(ctx, images);
    }

    @Override
    public Shape logitsShape(Module model, long batch) {
      return Shape.of(batch, CLASSES);
    }

    @Override
    public int outputs(Module model) {
      return CLASSES;
    }

    /** Gaussian pixels, one-hot targets. */
    @Override
    public OneTrainingStep trainOneStep(Module model, ExpertPlan plan, Path checkpoints) {
      ImageClassifier classifier = (ImageClassifier) model;
      Batch batch = new Batch(BATCH, new ImageShape(SIZE, SIZE, 3), CLASSES);
      Random random = new Random(7);
      float[] images = batch.images();
      for (int i = 0; i < images.length; i++) {
        images[i] = (float) random.nextGaussian();
      }
      for (int i = 0; i < BATCH; i++) {
        batch.labels()[i] = random.nextInt(CLASSES);
        batch.targets()[i * CLASSES + batch.labels()[i]] = 1f;
      }
      return OneTrainingStep.run(model, passes -> new ImageClassificationGraph(classifier, passes),
          (ImageClassificationGraph g) -> g.evalLogits, plan, batch, checkpoints);
    }

    @Override
    public Serving serving(Module model) {
      return new ImageServing((ImageClassifier) model, Normalization.identity(3));
    }
  };

  /**
   * Text-to-text models (T5): d_model 16, 1 layer per stack, 2 heads, d_ff 32, no dropout (d_kv,
   * vocabulary and layout stay the named config's); 12 encoder tokens, 6 target tokens.
   */
  private static final Family TEXT = new Family() {
    private static final int INPUTS = 12;
    private static final int TARGETS = 6;

    @Override
    public ModelRequest tiny(String name) {
      return ModelRequest.builder().dim(16).depth(1).heads(2).mlpRatio(2).dropout(0).build();
    }

    @Override
    public Operand<TFloat32> symbolicLogits(Module model, Ops tf, ForwardContext ctx) {
      Seq2SeqModel seq2seq = (Seq2SeqModel) model;
      var inputs = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, INPUTS)));
      var targets = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, TARGETS)));
      return seq2seq.logits(ctx, Tokens.padded(inputs, ByteText.mask(tf, inputs)), Tokens.unpadded(seq2seq.decoderInputs(tf, targets)));
    }

    @Override
    public Shape logitsShape(Module model, long batch) {
      return Shape.of(batch, TARGETS, outputs(model));
    }

    @Override
    public int outputs(Module model) {
      return ((Seq2SeqModel) model).vocabSize();
    }

    /** Random ids: inputs of 8 to 11 tokens then eos and padding; targets of 3 to 5 then eos and padding. */
    @Override
    public OneTrainingStep trainOneStep(Module model, ExpertPlan plan, Path checkpoints) {
      Seq2SeqModel seq2seq = (Seq2SeqModel) model;
      int vocab = seq2seq.vocabSize();
      Random random = new Random(7);
      int[] inputs = new int[BATCH * INPUTS];
      int[] targets = new int[BATCH * TARGETS];
      for (int b = 0; b < BATCH; b++) {
        fill(inputs, b * INPUTS, 8 + random.nextInt(INPUTS - 8), INPUTS, vocab, random);
        fill(targets, b * TARGETS, 3 + random.nextInt(TARGETS - 3), TARGETS, vocab, random);
      }
      TextBatch batch = new TextBatch(BATCH, INPUTS, TARGETS, inputs, targets);
      return OneTrainingStep.run(model, passes -> new Seq2SeqGraph(seq2seq, INPUTS, TARGETS, passes),
          (Seq2SeqGraph g) -> g.evalLogits, plan, batch, checkpoints);
    }

    private static void fill(int[] ids, int offset, int tokens, int length, int vocab, Random random) {
      for (int i = 0; i < tokens; i++) {
        ids[offset + i] = 2 + random.nextInt(vocab - 2); // not pad (0) or eos (1)
      }
      ids[offset + tokens] = Seq2SeqModel.EOS_ID; // then padding (0) up to length
    }

    @Override
    public Serving serving(Module model) {
      return new TextServing((Seq2SeqModel) model, INPUTS, TARGETS);
    }

    /** The config too: settings without parameters of their own (relative attention's reach, eps) count. */
    @Override
    public String structure(Module model) {
      return Family.super.structure(model) + ((T5Model) model).config();
    }
  };

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void trainsOneStepWithMemoryBankExpertsAndDense(String name) throws IOException {
    Family family = Family.of(name);
    Module model = REGISTRY.get(name).create(family.tiny(name));
    ModuleTree tree = ModuleTree.of(model);
    long ffns = tree.modules().values().stream().filter(FeedForwardNetwork.class::isInstance).count();

    assertThat(ExpertBuilders.generatedFor(tree)).as("the annotation processor's builder is used").isPresent();
    ExpertPlan annotated = ExpertBuilders.build(tree, FusionOverrides.none());
    assertThat(annotated.describe()).isEqualTo(ReflectiveExpertBuilder.build(tree, FusionOverrides.none()).describe());
    assertThat(annotated.scheme()).isEqualTo(Scheme.MEMORY_BANK);
    assertThat(annotated.fields()).allSatisfy(f -> assertThat(f.experts()).isEqualTo(4));
    assertThat(annotated.sets()).hasSize((int) ffns);
    assertThat(inferredLogitsShape(family, model, tree).asArray()).containsExactly(family.logitsShape(model, -1).asArray());
    if (TRAINED.add(family.structure(model))) {
      Checkpoint trained = assertTrainsOneStep(family, model, annotated, tmp.resolve("checkpoints")).checkpoint();
      OneTrainingStep dense = assertTrainsOneStep(family, model, ExpertBuilders.build(tree, FusionOverrides.of(Scheme.DENSE, 1)), null);
      assertThat(dense.trainableParameters()).as("a dense run trains the dense model").isEqualTo(tree.parameterCount());
      assertExportsExactly(name, family.serving(model), model, annotated, trained);
    }
  }

  /**
   * The export round trip: the memory-bank model, fused into a dense SavedModel and loaded back
   * through TF's loader, gives the unfused model's logits (the exporter compares them on its probe
   * inputs and refuses to write beyond float rounding) and holds the dense model's parameters.
   */
  private void assertExportsExactly(String name, Serving serving, Module model, ExpertPlan plan, Checkpoint trained)
      throws IOException {
    ExportResult result = DenseExporter.export(new ExportSource(name, model, plan, serving, trained),
        ExportTarget.resolve(tmp.resolve("exports"), name, OptionalLong.empty(), false), false);
    assertThat(result.exact()).isTrue();
    assertThat(result.maxAbsDifference()).isLessThanOrEqualTo(1e-5);
    long dense = ModuleTree.of(model).parameterCount();
    assertThat(result.parameters()).isEqualTo(dense);
    assertThat(SavedModelInspector.inspect(result.path()).get("parameters")).as("variables of the SavedModel").isEqualTo(dense);
  }

  /** The logits' static shape, from TF's shape inference alone (no session). */
  private static Shape inferredLogitsShape(Family family, Module model, ModuleTree tree) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      variables.addParameters(tree);
      return family.symbolicLogits(model, tf, ForwardContext.inference(tf, variables)).shape();
    }
  }

  private static OneTrainingStep assertTrainsOneStep(Family family, Module model, ExpertPlan plan, Path checkpoints) {
    OneTrainingStep step = family.trainOneStep(model, plan, checkpoints);
    double chance = Math.log(family.outputs(model));
    System.out.printf("%s %s: loss %.3f, ln %d = %.3f%n", model.getClass().getSimpleName(), plan.scheme().key(),
        step.loss(), family.outputs(model), chance);
    // about chance at initialisation (seen: images 0.93-1.03 x ln 5, T5 1.02-1.16 x ln V)
    assertThat(step.loss()).isFinite().isBetween((float) (0.8 * chance), (float) (1.25 * chance));
    assertThat(step.logitsShape().asArray()).containsExactly(family.logitsShape(model, BATCH).asArray());
    return step;
  }
}

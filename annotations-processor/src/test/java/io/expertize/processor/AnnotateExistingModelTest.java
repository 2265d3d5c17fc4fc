package io.expertize.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageDataset;
import io.expertize.data.ImageShape;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportResult;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingJob;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A user's own dense model (fixtures/user: a small MLP-Mixer outside the zoo, private fields as
 * users write them) gets the two annotations, is compiled with the processor, trains a few steps
 * with experts under ExFusion mb and EWA through its generated builder, and is exported as a dense
 * SavedModel of the original model's size. The processor's one demand is shown on the way: the
 * {@code @Expertize} field must not be private.
 */
class AnnotateExistingModelTest {
  private static final String PACKAGE = "com.example.mixer";
  private static Compilation withPrivateField;
  private static JavaFileObject annotatedBlock;
  private static CompiledClasses classes;

  @TempDir Path tmp;

  @BeforeAll
  static void annotateAndCompile() {
    JavaFileObject mixer = edited("TinyMixer", text("TinyMixer")
        .replace("import io.expertize.graph.", "import io.expertize.annotations.FusionScheme;\n"
            + "import io.expertize.annotations.Scheme;\nimport io.expertize.graph.")
        .replace("public class TinyMixer", "@FusionScheme(Scheme.MEMORY_BANK)\npublic class TinyMixer"));
    String block = text("MixerBlock")
        .replace("import io.expertize.graph.", "import io.expertize.annotations.Expertize;\nimport io.expertize.graph.")
        .replace("  private final FeedForward channelMlp;", "  @Expertize\n  private final FeedForward channelMlp;");
    annotatedBlock = edited("MixerBlock", block);
    withPrivateField = Fixtures.compile(mixer, annotatedBlock);

    JavaFileObject fixedBlock = edited("MixerBlock", block.replace("  private final FeedForward channelMlp;",
        "  final FeedForward channelMlp;"));
    Compilation compiled = Fixtures.compile(mixer, fixedBlock);
    assertThat(compiled).succeededWithoutWarnings();
    assertThat(compiled).generatedSourceFile(PACKAGE + ".Expertize_TinyMixer");
    classes = new CompiledClasses(compiled);
  }

  @Test
  void theProcessorAsksForThePrivateFieldToBeReadable() {
    assertThat(withPrivateField).hadErrorCount(1);
    assertThat(withPrivateField).hadErrorContaining("[ExpertizeAccess] @Expertize on " + PACKAGE
            + ".MixerBlock.channelMlp: the generated builder reads this field directly and cannot read a private one; "
            + "make it package-private (remove 'private')")
        .inFile(annotatedBlock).onLine(lineOf(text(annotatedBlock), "@Expertize"));
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"MEMORY_BANK", "EWA"})
  void trainsAFewStepsWithExpertsAndExportsDense(Scheme scheme) {
    ImageClassifier model = classes.instance(PACKAGE + ".TinyMixer", ImageClassifier.class);
    ModuleTree tree = ModuleTree.of(model);
    assertThat(ExpertBuilders.generatedFor(tree)).isPresent();
    FusionOverrides overrides = FusionOverrides.builder().scheme(scheme).build();
    ExpertPlan plan = ExpertBuilders.build(tree, overrides);
    assertThat(plan.sets()).extracting(s -> s.path()).containsExactly("blocks.0.channel_mlp", "blocks.1.channel_mlp");

    List<Double> losses = new ArrayList<>();
    TrainingCallback record = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        losses.add(m.loss());
      }
    };
    RunDirectory run = RunDirectory.create(tmp.resolve(scheme.key()), false);
    TrainingJob job = new TrainingJob("tiny_mixer", model, plan, syntheticData(), Normalization.identity(1), run, false);
    TrainingSummary summary = new Trainer(settings(), List.of(record)).fit(job);

    assertThat(summary.scheme()).isEqualTo(scheme.key());
    assertThat(summary.steps()).isEqualTo(3);
    assertThat(summary.expertLayers()).containsExactly("blocks.0.channel_mlp", "blocks.1.channel_mlp");
    assertThat(losses).hasSize(3).allSatisfy(l -> assertThat(l).isFinite());

    // as `expertize export` does: the model and its plan built anew (a plan's sets belong to one graph)
    ImageClassifier fresh = classes.instance(PACKAGE + ".TinyMixer", ImageClassifier.class);
    ExpertPlan freshPlan = ExpertBuilders.build(ModuleTree.of(fresh), overrides);
    ExportResult exported = DenseExporter.export(
        new ExportSource("tiny_mixer", fresh, freshPlan, Normalization.identity(1), CheckpointManager.find(run.root())),
        ExportTarget.resolve(tmp.resolve("serving"), "tiny_mixer", OptionalLong.empty(), false), false);
    assertThat(exported.exact()).isTrue(); // loaded back by TensorFlow and checked against the trained model
    assertThat(exported.parameters()).isEqualTo(tree.parameterCount());
    assertThat(exported.path().resolve("saved_model.pb")).exists();
  }

  /** Three steps of 16 images, no augmentation. */
  private static TrainSettings settings() {
    return TrainSettings.builder().seed(1).epochs(1).maxSteps(3).batchSize(16).warmupEpochs(0).logEvery(1)
        .keepCheckpoints(1).evalBatchSize(32).lr(1e-3).augmentation(AugmentationSettings.none()).build();
  }

  private static DatasetSplits syntheticData() {
    return new DatasetSplits(images(64, 1), images(32, 2));
  }

  private static ImageDataset images(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 64];
    random.nextBytes(pixels);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    return ImageDataset.ofBytes("synthetic", new ImageShape(8, 8, 1), pixels, labels, 3);
  }

  private static String text(String fixture) {
    try (InputStream in = AnnotateExistingModelTest.class.getResourceAsStream("/fixtures/user/" + fixture + ".java")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JavaFileObject source) {
    try {
      return source.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject edited(String simpleName, String source) {
    return JavaFileObjects.forSourceString(PACKAGE + "." + simpleName, source);
  }

  private static int lineOf(String source, String text) {
    return (int) source.substring(0, source.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
  }
}

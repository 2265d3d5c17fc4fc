package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.data.text.TextBatch;
import io.expertize.experts.ExpertPlan;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.AdamW;
import io.expertize.train.EvalCounts;
import io.expertize.train.Feeds;
import io.expertize.train.Seq2SeqGraph;
import io.expertize.train.Seq2SeqTask;
import io.expertize.train.Task;
import io.expertize.train.TrainingGraph;
import io.expertize.wiring.ConfigModule;
import io.expertize.wiring.DataModule;
import io.expertize.wiring.ModelsModule;
import io.expertize.wiring.TaskModule;
import io.expertize.wiring.TrainModule;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@code train.label-smoothing} for text: it reaches the span-corruption task (the shipped T5 config
 * sets 0, as T5 pretrains), smooths the training loss over the vocabulary and leaves evaluation the
 * plain cross-entropy.
 */
class T5LabelSmoothingTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();

  private static Task<?> task(Path file, String... sets) {
    List<String> all = new java.util.ArrayList<>(List.of("data.inputs-length=32", "data.train-subset=8",
        "data.test-subset=8"));
    all.addAll(List.of(sets));
    ExpertizeConfig config = ConfigLoader.create().withModelNames(REGISTRY.all().keySet()).load(file, all);
    return Guice.createInjector(new ConfigModule(config), new ModelsModule(REGISTRY), new DataModule(),
        new TrainModule(), new TaskModule()).getInstance(Key.get(new TypeLiteral<Task<?>>() {}));
  }

  @Test
  void theKeyReachesTheTextTaskAndTheShippedT5ConfigSetsNone() {
    Path t5 = REPO.resolve("configs/t5_tiny_fortunes.yaml");
    assertThat(task(t5)).isInstanceOfSatisfying(Seq2SeqTask.class, s -> assertThat(s.labelSmoothing()).isZero());
    assertThat(task(t5, "train.label-smoothing=0.2"))
        .isInstanceOfSatisfying(Seq2SeqTask.class, s -> assertThat(s.labelSmoothing()).isEqualTo(0.2));
    assertThat(task(null, "model=t5_tiny_fortunes", "data=fortunes")) // no file: the key's default
        .isInstanceOfSatisfying(Seq2SeqTask.class, s -> assertThat(s.labelSmoothing()).isEqualTo(0.1));
  }

  /** Dense, no dropout: the training pass computes the inference pass's logits, only the loss differs. */
  @Test
  void trainingLossIsSmoothedOverTheVocabularyAndEvaluationIsPlain() {
    T5Model model = new T5Model(T5Models.T5_TINY_FORTUNES.toBuilder().dModel(16).dFf(32).heads(2).dKv(8).layers(1).build());
    int vocab = model.vocabSize();
    int batch = 3;
    int in = 8;
    int out = 5;
    double eps = 0.2;
    Random random = new Random(3);
    int[] inputs = new int[batch * in];
    int[] targets = new int[batch * out];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = 2 + random.nextInt(vocab - 2);
    }
    for (int b = 0; b < batch; b++) { // 2, 3, 4 real tokens, then eos, then padding
      for (int j = 0; j < out; j++) {
        targets[b * out + j] = j < b + 2 ? 2 + random.nextInt(vocab - 2) : j == b + 2 ? T5Model.EOS_ID : 0;
      }
    }
    TextBatch data = new TextBatch(batch, in, out, inputs, targets);
    var settings = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0), OptionalDouble.of(1.0));
    try (TrainingGraph<Seq2SeqGraph> g = TrainingGraph.build(
            model, passes -> new Seq2SeqGraph(model, in, out, eps, passes), ExpertPlan.dense(), 1, settings);
        Session s = new Session(g.graph);
        Feeds feeds = g.task.feeds(data);
        TInt64 step = TInt64.scalarOf(0)) {
      s.initialize();
      float trainLoss;
      float[] logits;
      try (Result r = feeds.into(s.runner()).feed(g.step, step).fetch(g.loss).fetch(g.task.evalLogits).run()) {
        trainLoss = ((TFloat32) r.get(0)).getFloat();
        TFloat32 l = (TFloat32) r.get(1);
        logits = new float[Math.toIntExact(l.size())];
        l.asRawTensor().data().asFloats().read(logits);
      }
      EvalCounts eval = g.task.evaluate(s, data);

      double plain = 0;
      double smoothed = 0;
      int tokens = 0;
      for (int t = 0; t < batch * out; t++) {
        if (targets[t] == 0) {
          continue;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
          max = Math.max(max, logits[t * vocab + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
          sum += Math.exp(logits[t * vocab + v] - max);
        }
        double logZ = max + Math.log(sum);
        double meanLogP = 0;
        for (int v = 0; v < vocab; v++) {
          meanLogP += (logits[t * vocab + v] - logZ) / vocab;
        }
        double targetLogP = logits[t * vocab + targets[t]] - logZ;
        plain -= targetLogP;
        smoothed -= (1 - eps) * targetLogP + eps * meanLogP;
        tokens++;
      }
      assertThat(tokens).isEqualTo(12);
      assertThat(eval.count()).isEqualTo(12);
      assertThat(smoothed / tokens).isNotCloseTo(plain / tokens, within(0.01)); // 0.049 apart here
      assertThat((double) trainLoss).isCloseTo(smoothed / tokens, within(1e-4));
      assertThat(eval.lossSum() / eval.count()).isCloseTo(plain / tokens, within(1e-4));
    }
  }
}

package io.expertize.train;

import io.expertize.data.text.SpanCorruptionBatches;
import io.expertize.data.text.SpanCorruptionDataset;
import io.expertize.data.text.TextBatch;
import io.expertize.nn.Seq2SeqModel;

/**
 * Span-corruption pretraining of a text-to-text model (T5's objective): each example is a segment of
 * text with spans replaced by sentinels in, the spans out; evaluated by next-token top-1 and
 * cross-entropy on the held-out split's target tokens.
 *
 * @param trainExamples how many of {@code train}'s examples to use (its first ones)
 * @param testExamples how many of {@code test}'s
 * @param labelSmoothing eps of the training loss's token targets ({@code train.label-smoothing}), in
 *     [0, 1); evaluation is the plain cross-entropy
 */
public record Seq2SeqTask(
    Seq2SeqModel model, SpanCorruptionDataset train, SpanCorruptionDataset test, int trainExamples, int testExamples,
    double labelSmoothing)
    implements Task<TextBatch> {

  public Seq2SeqTask {
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("train.label-smoothing must be in [0, 1), got " + labelSmoothing);
    }
  }

  /** Without label smoothing: T5's pretraining. */
  public Seq2SeqTask(
      Seq2SeqModel model, SpanCorruptionDataset train, SpanCorruptionDataset test, int trainExamples, int testExamples) {
    this(model, train, test, trainExamples, testExamples, 0);
  }

  @Override
  public Seq2SeqGraph attach(Passes passes) {
    return new Seq2SeqGraph(model, train.inputsLength(), train.targetsLength(), labelSmoothing, passes);
  }

  @Override
  public SpanCorruptionBatches trainBatches(TrainSettings s) {
    return new SpanCorruptionBatches(train, trainExamples, s.batchSize(), s.seed());
  }

  @Override
  public Iterable<TextBatch> evalBatches(TrainSettings s) {
    return SpanCorruptionBatches.evaluation(test, testExamples, s.evalBatchSize());
  }

  @Override
  public int examples(TextBatch batch) {
    return batch.size();
  }

  /** Sequences: an example is one input and its targets (throughput); evaluation counts target tokens. */
  @Override
  public ExampleUnit exampleUnit() {
    return ExampleUnit.SEQUENCES;
  }
}

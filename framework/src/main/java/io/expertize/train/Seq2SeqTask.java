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
 */
public record Seq2SeqTask(
    Seq2SeqModel model, SpanCorruptionDataset train, SpanCorruptionDataset test, int trainExamples, int testExamples)
    implements Task<TextBatch> {

  @Override
  public Seq2SeqGraph attach(Passes passes) {
    return new Seq2SeqGraph(model, train.inputsLength(), train.targetsLength(), passes);
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
}

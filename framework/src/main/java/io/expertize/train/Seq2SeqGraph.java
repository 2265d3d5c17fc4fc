package io.expertize.train;

import io.expertize.data.text.ByteText;
import io.expertize.data.text.TextBatch;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.nn.Tokens;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A text-to-text model's part of a training graph: token ids in ({@code inputs}, {@code targets},
 * padded), teacher-forced next-token cross-entropy of the training pass (label-smoothed when asked),
 * and the inference pass's logits ({@code eval/logits}) with the sums of plain token cross-entropy,
 * correct tokens and target tokens.
 */
public final class Seq2SeqGraph implements TaskGraph<TextBatch> {
  public final Placeholder<TInt32> inputs;
  public final Placeholder<TInt32> targets;
  public final Operand<TFloat32> evalLogits;
  private final Operand<TFloat32> loss;
  private final TokenCrossEntropy.Sums evalSums;

  /** Without label smoothing. */
  public Seq2SeqGraph(Seq2SeqModel model, int inputsLength, int targetsLength, Passes passes) {
    this(model, inputsLength, targetsLength, 0, passes);
  }

  /** @param labelSmoothing eps of the training loss's targets, in [0, 1) ({@link TokenCrossEntropy}) */
  public Seq2SeqGraph(Seq2SeqModel model, int inputsLength, int targetsLength, double labelSmoothing, Passes passes) {
    Ops tf = passes.tf();
    inputs = tf.withName("inputs").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, inputsLength)));
    targets = tf.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, targetsLength)));
    Tokens encoder = Tokens.padded(inputs, ByteText.mask(tf, inputs));

    Ops train = passes.training().tf();
    loss = TokenCrossEntropy.mean(train, model.logits(passes.training(), encoder,
        Tokens.unpadded(model.decoderInputs(train, targets))), targets, labelSmoothing);

    Ops eval = passes.inference().tf();
    evalLogits = eval.withName("logits").identity(model.logits(passes.inference(), encoder,
        Tokens.unpadded(model.decoderInputs(eval, targets))));
    evalSums = TokenCrossEntropy.sums(eval, evalLogits, targets);
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public Feeds feeds(TextBatch b) {
    return new Feeds()
        .add(inputs, TInt32.tensorOf(Shape.of(b.size(), b.inputsLength()), DataBuffers.of(b.inputs(), true, false)))
        .add(targets, TInt32.tensorOf(Shape.of(b.size(), b.targetsLength()), DataBuffers.of(b.targets(), true, false)));
  }

  /** Next-token top-1 and cross-entropy over the target tokens that are not padding. */
  @Override
  public EvalCounts evaluate(Session session, TextBatch b) {
    try (Feeds feeds = feeds(b);
        Result r = feeds.into(session.runner())
            .fetch(evalSums.correct()).fetch(evalSums.loss()).fetch(evalSums.tokens()).run()) {
      return new EvalCounts(Math.round(((TFloat32) r.get(0)).getFloat()), ((TFloat32) r.get(1)).getFloat(),
          Math.round(((TFloat32) r.get(2)).getFloat()));
    }
  }

  @Override
  public String evalUnit() {
    return "target tokens";
  }
}

package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import io.expertize.nn.Shapes;
import io.expertize.nn.Tokens;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Greedy decoding inside the graph, so a SavedModel answers without a Java loop: the encoder runs
 * once, then a functional While op fills a {@code [B, 1 + maxLength]} buffer that starts with the
 * pad id, one argmax per step, until every row has produced eos or the buffer is full. Rows that
 * have finished are padded.
 *
 * <p>Each step runs the decoder on the newest token only: every decoder block keeps its
 * self-attention keys and values in a {@code [B, H, maxLength, d_kv]} cache (loop variables of
 * fixed shape, written position by position; the causal mask hides what is not written yet) and
 * its cross-attention keys and values of the encoder's output, computed once before the loop. So a
 * step costs the same at every position, where rerunning the decoder over the buffer would grow
 * with it. Loop bodies are separate function graphs, so the model's parameters enter as loop
 * variables passed through unchanged.
 */
public final class GreedyDecoder {
  private static final int FIXED = 3; // i, buffer, encoder mask; then the blocks' caches, then the parameters

  private GreedyDecoder() {}

  /**
   * @param params the dense parameters (variables, or the fused weights of an expert-trained model)
   * @param encoder {@code [B, Te]} ids with their mask (padded: the loop carries the mask)
   * @return generated ids {@code [B, maxLength]}, eos included, pad after it
   */
  static Operand<TInt32> decode(Ops tf, T5Model model, ParamSource params, Tokens encoder, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("greedy decoding needs a positive maximum length, got " + maxLength);
    }
    Operand<TInt32> encoderIds = encoder.ids();
    Operand<TFloat32> encoderMask = Objects.requireNonNull(encoder.maskOrNull(),
        "greedy decoding needs the encoder mask: Tokens.padded(ids, ByteText.mask(tf, ids))");
    List<Param> parameters = ModuleTree.of(model).params().stream().map(NamedParam::param).toList();
    ForwardContext ctx = ForwardContext.inference(tf, params);
    Operand<TFloat32> states = model.encode(ctx, encoder);
    Operand<TInt32> batch = tf.slice(tf.shape(encoderIds), Shapes.of(tf, 0), Shapes.of(tf, 1));
    Operand<TInt32> buffer = tf.fill(tf.concat(List.of(batch, Shapes.of(tf, maxLength + 1)), tf.constant(0)),
        tf.constant(T5Model.PAD_ID));
    List<Operand<?>> loopVars = new ArrayList<>(List.of(tf.constant(0), buffer, encoderMask));
    List<BlockCache> caches = model.startDecoding(ctx, states, maxLength);
    caches.forEach(c -> loopVars.addAll(c.operands()));
    parameters.forEach(p -> loopVars.add(params.read(p)));

    List<Output<?>> out;
    try (ConcreteFunction cond = ConcreteFunction.create(f -> condition(f, loopVars, maxLength));
        ConcreteFunction body = ConcreteFunction.create(f -> step(f, loopVars, model, caches.size(), parameters, maxLength))) {
      out = tf.whileOp(loopVars, cond, body).output();
    }
    return tf.slice(out.get(1).expect(TInt32.class), Shapes.of(tf, 0, 1), Shapes.of(tf, -1, maxLength));
  }

  /** Placeholders shaped like the loop variables, in order; names sort like the order (function arguments). */
  private static List<Output<?>> inputs(Ops f, List<Operand<?>> loopVars) {
    List<Output<?>> in = new ArrayList<>();
    for (Operand<?> v : loopVars) {
      in.add(f.placeholder(v.type(), Placeholder.shape(v.shape())).asOutput());
    }
    return in;
  }

  private static Signature signature(String key, List<Output<?>> in, List<? extends Operand<?>> out) {
    Signature.Builder s = Signature.builder().key(key);
    for (int k = 0; k < in.size(); k++) {
      s.input(String.format("in_%05d", k), in.get(k));
    }
    for (int k = 0; k < out.size(); k++) {
      s.output(String.format("out_%05d", k), out.get(k));
    }
    return s.build();
  }

  private static Signature condition(Ops f, List<Operand<?>> loopVars, int maxLength) {
    List<Output<?>> in = inputs(f, loopVars);
    Operand<TInt32> i = in.get(0).expect(TInt32.class);
    Operand<TBool> allDone = f.reduceAll(finished(f, in.get(1).expect(TInt32.class)), f.constant(0));
    return signature("greedy_cond", in, List.of(f.math.logicalAnd(f.math.less(i, f.constant(maxLength)), f.math.logicalNot(allDone))));
  }

  /** Decodes the token at position i with the blocks' caches and writes the argmax after it. */
  private static Signature step(
      Ops f, List<Operand<?>> loopVars, T5Model model, int blocks, List<Param> parameters, int maxLength) {
    List<Output<?>> in = inputs(f, loopVars);
    int firstParameter = FIXED + blocks * BlockCache.OPERANDS;
    Map<Param, Operand<TFloat32>> reads = new IdentityHashMap<>();
    for (int k = 0; k < parameters.size(); k++) {
      reads.put(parameters.get(k), f.identity(in.get(firstParameter + k).expect(TFloat32.class)));
    }
    List<BlockCache> caches = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int first = FIXED + b * BlockCache.OPERANDS;
      caches.add(BlockCache.of(in.subList(first, first + BlockCache.OPERANDS)));
    }
    Operand<TInt32> i = in.get(0).expect(TInt32.class);
    Operand<TInt32> buffer = in.get(1).expect(TInt32.class);
    Operand<TInt32> token = f.gather(buffer, f.reshape(i, Shapes.of(f, 1)), f.constant(1)); // [B, 1]
    Operand<TFloat32> logits = model.decodeStep(ForwardContext.inference(f, reads::get), token, i, maxLength,
        in.get(2).expect(TFloat32.class), caches);
    Operand<TInt32> next = f.math.argMax(f.reshape(logits, Shapes.of(f, -1, model.config().vocab())), f.constant(1), TInt32.class);
    next = f.select(finished(f, buffer), f.zerosLike(next), next);
    Operand<TInt32> position = f.dtypes.cast(
        f.math.equal(f.range(f.constant(0), f.constant(maxLength + 1), f.constant(1)), f.math.add(i, f.constant(1))), TInt32.class);
    Operand<TInt32> written = f.math.add(f.math.mul(buffer, f.math.sub(f.constant(1), position)),
        f.math.mul(f.expandDims(next, f.constant(1)), position));
    List<Operand<?>> out = new ArrayList<>(in);
    out.set(0, f.math.add(i, f.constant(1)));
    out.set(1, written);
    for (int b = 0; b < blocks; b++) {
      List<Operand<TFloat32>> updated = caches.get(b).operands();
      for (int k = 0; k < BlockCache.OPERANDS; k++) {
        out.set(FIXED + b * BlockCache.OPERANDS + k, updated.get(k));
      }
    }
    return signature("greedy_step", in, out);
  }

  /** Rows of the buffer that hold an eos. */
  private static Operand<TBool> finished(Ops f, Operand<TInt32> buffer) {
    return f.reduceAny(f.math.equal(buffer, f.constant(T5Model.EOS_ID)), f.constant(1));
  }
}

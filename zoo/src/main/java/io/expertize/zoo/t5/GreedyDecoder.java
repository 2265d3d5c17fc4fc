package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import io.expertize.nn.Shapes;
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
 * <p>Each step reruns the decoder over the whole buffer (no key/value cache): static shapes
 * throughout, causal masking keeps earlier positions exact, and the cost is quadratic in
 * {@code maxLength}, which is small for serving here. Loop bodies are separate function graphs, so
 * the model's parameters enter as loop variables passed through unchanged.
 */
public final class GreedyDecoder {
  private static final int FIXED = 4; // i, buffer, encoder states, encoder mask; then the parameters

  private GreedyDecoder() {}

  /**
   * @param params the dense parameters (variables, or the fused weights of an expert-trained model)
   * @param encoderIds {@code [B, Te]}; {@code encoderMask} {@code [B, Te]} (1 = token)
   * @return generated ids {@code [B, maxLength]}, eos included, pad after it
   */
  public static Operand<TInt32> decode(Ops tf, T5Model model, ParamSource params, Operand<TInt32> encoderIds,
      Operand<TFloat32> encoderMask, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("greedy decoding needs a positive maximum length, got " + maxLength);
    }
    Objects.requireNonNull(encoderMask, "greedy decoding needs the encoder mask (ByteText.mask gives it)");
    List<Param> parameters = ModuleTree.of(model).params().stream().map(NamedParam::param).toList();
    Operand<TFloat32> states = model.encode(ForwardContext.inference(tf, params), encoderIds, encoderMask);
    Operand<TInt32> batch = tf.slice(tf.shape(encoderIds), Shapes.of(tf, 0), Shapes.of(tf, 1));
    Operand<TInt32> buffer = tf.fill(tf.concat(List.of(batch, Shapes.of(tf, maxLength + 1)), tf.constant(0)),
        tf.constant(T5Model.PAD_ID));
    List<Operand<?>> loopVars = new ArrayList<>(List.of(tf.constant(0), buffer, states, encoderMask));
    parameters.forEach(p -> loopVars.add(params.read(p)));

    List<Output<?>> out;
    try (ConcreteFunction cond = ConcreteFunction.create(f -> condition(f, loopVars, maxLength));
        ConcreteFunction body = ConcreteFunction.create(f -> step(f, loopVars, model, parameters, maxLength))) {
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

  /** Decodes the first {@code maxLength} buffer positions and writes the argmax after position i. */
  private static Signature step(Ops f, List<Operand<?>> loopVars, T5Model model, List<Param> parameters, int maxLength) {
    List<Output<?>> in = inputs(f, loopVars);
    Map<Param, Operand<TFloat32>> reads = new IdentityHashMap<>();
    for (int k = 0; k < parameters.size(); k++) {
      reads.put(parameters.get(k), f.identity(in.get(FIXED + k).expect(TFloat32.class)));
    }
    Operand<TInt32> i = in.get(0).expect(TInt32.class);
    Operand<TInt32> buffer = in.get(1).expect(TInt32.class);
    Operand<TInt32> decoderIds = f.slice(buffer, Shapes.of(f, 0, 0), Shapes.of(f, -1, maxLength));
    Operand<TFloat32> logits = model.decode(ForwardContext.inference(f, reads::get), decoderIds, null,
        in.get(2).expect(TFloat32.class), in.get(3).expect(TFloat32.class));
    Operand<TFloat32> atI = f.squeeze(f.gather(logits, f.reshape(i, Shapes.of(f, 1)), f.constant(1)));
    Operand<TInt32> next = f.math.argMax(f.reshape(atI, Shapes.of(f, -1, model.config().vocab())), f.constant(1), TInt32.class);
    next = f.select(finished(f, buffer), f.zerosLike(next), next);
    Operand<TInt32> position = f.dtypes.cast(
        f.math.equal(f.range(f.constant(0), f.constant(maxLength + 1), f.constant(1)), f.math.add(i, f.constant(1))), TInt32.class);
    Operand<TInt32> written = f.math.add(f.math.mul(buffer, f.math.sub(f.constant(1), position)),
        f.math.mul(f.expandDims(next, f.constant(1)), position));
    List<Operand<?>> out = new ArrayList<>(in);
    out.set(0, f.math.add(i, f.constant(1)));
    out.set(1, written);
    return signature("greedy_step", in, out);
  }

  /** Rows of the buffer that hold an eos. */
  private static Operand<TBool> finished(Ops f, Operand<TInt32> buffer) {
    return f.reduceAny(f.math.equal(buffer, f.constant(T5Model.EOS_ID)), f.constant(1));
  }
}

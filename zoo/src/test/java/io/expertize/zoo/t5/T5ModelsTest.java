package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.VariableStore;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.nn.Tokens;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/** The named T5s: the reference checkpoints' exact parameter counts (docs/zoo.md), HF's parameter names, size overrides. */
class T5ModelsTest {

  private static long count(T5Config c) {
    return ModuleTree.of(new T5Model(c)).parameterCount(); // from declared shapes: nothing is allocated
  }

  private static List<String> paths(T5Config c) {
    return ModuleTree.of(new T5Model(c)).params().stream().map(NamedParam::path).toList();
  }

  @Test
  void referenceParameterCountsAreExact() {
    assertThat(count(T5Models.named("t5_small"))).isEqualTo(60_506_624L);
    assertThat(count(T5Models.named("t5_base"))).isEqualTo(222_903_552L);
    assertThat(count(T5Models.named("t5_v1_1_small"))).isEqualTo(76_961_152L);
    assertThat(count(T5Models.named("t5_v1_1_base"))).isEqualTo(247_577_856L);
    assertThat(count(T5Models.named("byt5_small"))).isEqualTo(299_637_760L);
  }

  @Test
  void parameterNamesAreHfsWithOneSharedEmbeddingAndTheBiasTableInBlockZero() {
    List<String> t5 = paths(T5Models.T5_SMALL);
    assertThat(t5).startsWith("shared.weight",
        "encoder.block.0.layer.0.SelfAttention.q.weight", "encoder.block.0.layer.0.SelfAttention.k.weight",
        "encoder.block.0.layer.0.SelfAttention.v.weight", "encoder.block.0.layer.0.SelfAttention.o.weight",
        "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        "encoder.block.0.layer.0.layer_norm.weight",
        "encoder.block.0.layer.1.DenseReluDense.wi.weight", "encoder.block.0.layer.1.DenseReluDense.wo.weight",
        "encoder.block.0.layer.1.layer_norm.weight",
        "encoder.block.1.layer.0.SelfAttention.q.weight");
    assertThat(t5).contains("encoder.final_layer_norm.weight",
        "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        "decoder.block.0.layer.1.EncDecAttention.q.weight", "decoder.block.0.layer.1.layer_norm.weight",
        "decoder.block.5.layer.2.DenseReluDense.wo.weight");
    assertThat(t5).endsWith("decoder.final_layer_norm.weight");
    assertThat(t5).filteredOn(p -> p.contains("relative_attention_bias")).hasSize(2);
    assertThat(t5).filteredOn(p -> p.contains("embed") || p.contains("lm_head")).isEmpty();

    List<String> v11 = paths(T5Models.T5_V1_1_SMALL);
    assertThat(v11).contains("encoder.block.0.layer.1.DenseReluDense.wi_0.weight",
        "encoder.block.0.layer.1.DenseReluDense.wi_1.weight", "encoder.block.0.layer.1.DenseReluDense.wo.weight");
    assertThat(v11).endsWith("lm_head.weight");
  }

  /** The counter against a real graph: every VariableV2 of a built t5_small, with its forward pass. */
  @Test
  void builtT5SmallGraphHoldsExactlyTheCountedParameters() {
    T5Model model = new T5Model(T5Models.T5_SMALL);
    ModuleTree tree = ModuleTree.of(model);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      variables.addParameters(tree);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 8)));
      var logits = model.logits(ForwardContext.inference(tf, variables), Tokens.unpadded(ids), Tokens.unpadded(ids));
      assertThat(logits.shape().asArray()).containsExactly(-1, 8, 32128);

      long total = 0;
      int count = 0;
      for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2")) {
          total += op.output(0).shape().size();
          count++;
        }
      }
      assertThat(count).isEqualTo(tree.params().size());
      assertThat(total).isEqualTo(60_506_624L);
    }
  }

  @Test
  void reducedSizesOverrideTheNamedShape() {
    T5Config tiny = T5Models.BYT5_SMALL.toBuilder().dModel(64).dFf(128).heads(2).dKv(16).encoderLayers(2).decoderLayers(1).build();
    assertThat(tiny.vocab()).isEqualTo(384);
    assertThat(tiny.encoderLayers()).isEqualTo(2);
    assertThat(tiny.decoderLayers()).isEqualTo(1);
    assertThat(tiny.innerDim()).isEqualTo(32);
    // 384 * 64 (shared) + 384 * 64 (lm_head) + encoder 2 x (4 * 64 * 32 + 3 * 64 * 128 + 2 * 64) + 32 * 2 + 64
    //   + decoder 1 x (8 * 64 * 32 + 3 * 64 * 128 + 3 * 64) + 32 * 2 + 64
    long expected = 2 * 384 * 64 + 2 * (4 * 64 * 32 + 3 * 64 * 128 + 2 * 64) + 64 + 64
        + (8 * 64 * 32 + 3 * 64 * 128 + 3 * 64) + 64 + 64;
    assertThat(count(tiny)).isEqualTo(expected);
  }

  /** Request fields T5 has no use for fail naming their key, as the CLI reports them (exit 2). */
  @Test
  void requestFieldsT5DoesNotUseAreRefusedNamingTheirKey() {
    ModelFactory t5 = ModelRegistry.discover().get("t5_small");
    // dim, depth, heads, mlp-ratio, dropout: what T5 uses
    assertThat(((T5Model) t5.create(ModelRequest.builder().dim(16).depth(1).heads(2).mlpRatio(2).dropout(0).build())).config().dModel()).isEqualTo(16);
    assertThatThrownBy(() -> t5.create(ModelRequest.builder().dim(16).depth(1).heads(2).mlpRatio(2).windowSize(7).dropout(0).build()))
        .hasMessageContaining("model.window-size = 7 applies to Swin only");
    assertThatThrownBy(() -> t5.create(ModelRequest.builder().dim(16).heads(2).mlpRatio(2).dropout(0).depths(List.of(2, 2)).build()))
        .hasMessageContaining("model.depths = 2,2 applies to the staged image models only (Swin, PVT")
        .hasMessageContaining("set model.depth");
    assertThatThrownBy(() -> t5.create(ModelRequest.builder().patchSize(4).build()))
        .hasMessageContaining("model.patch-size = 4 does not apply to T5");
    assertThatThrownBy(() -> t5.create(ModelRequest.builder().dropPath(0.1).build()))
        .hasMessageContaining("model.drop-path = 0.1 does not apply to T5");
    assertThatThrownBy(() -> t5.create(ModelRequest.of(28, 1, 10)))
        .hasMessageContaining("'t5_small' is a text-to-text model, not an image classifier")
        .hasMessageContaining("28x28, 1 channel(s), 10 classes");
  }

  @Test
  void invalidSizesNameTheConstraint() {
    assertThatThrownBy(() -> T5Models.T5_SMALL.toBuilder().heads(-2).build())
        .hasMessageContaining("heads must be positive, got -2");
    assertThatThrownBy(() -> T5Models.T5_SMALL.toBuilder().encoderLayers(3).decoderLayers(-1).build())
        .hasMessageContaining("at least one layer each, got 3 / -1");
    assertThatThrownBy(() -> T5Models.T5_SMALL.toBuilder().vocab(1).build())
        .hasMessageContaining("must hold pad (0) and eos (1), got 1");
    assertThatThrownBy(() -> T5Config.builder().dModel(8).dFf(8).heads(2).dKv(4).encoderLayers(1)
        .decoderLayers(1).vocab(10).feedForward(FeedForwardKind.RELU).tiedOutput(true).relativeBuckets(30)
        .relativeMaxDistance(10).dropout(0).build())
        .hasMessageContaining("invalid T5 configuration").hasMessageContaining("max distance 10");
    assertThatThrownBy(() -> T5Models.named("t5_smal")).hasMessageContaining("t5_small");
  }
}

package io.expertize.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** The input of a serving signature as our exports write it: images or text, and anything else refused by name. */
class ServingInputTest {

  private static <T extends org.tensorflow.types.family.TType> Signature signature(
      String input, Class<T> type, Shape shape) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<T> in = tf.placeholder(type, Placeholder.shape(shape));
      return Signature.builder().key("serving_default").input(input, in).output("out", tf.identity(in)).build();
    }
  }

  @Test
  void imagesOfAKnownSizeAreFedRandomPixelsOfThatSize() {
    ServingInput input = ServingInput.of("m", signature("images", TFloat32.class, Shape.of(-1, 28, 28, 1)));
    assertThat(input).isEqualTo(new ImageInput(List.of(28L, 28L, 1L)));
    try (Tensor batch = input.batch(3); Tensor again = input.batch(3)) {
      assertThat(batch.shape()).isEqualTo(Shape.of(3, 28, 28, 1));
      TFloat32 pixels = (TFloat32) batch;
      assertThat(pixels.getFloat(2, 27, 27, 0)).isBetween(0f, 255f).isEqualTo(((TFloat32) again).getFloat(2, 27, 27, 0));
    }
    assertThat(input.describe()).isEqualTo("float32 images [batch, 28, 28, 1] of raw pixels 0..255");
  }

  @Test
  void stringsAreFedSentencesWithAGapInTurn() {
    ServingInput input = ServingInput.of("m", signature("inputs", TString.class, Shape.of(-1)));
    assertThat(input).isInstanceOf(TextInput.class);
    assertThat(input.unit()).isEqualTo("texts");
    try (TString batch = (TString) input.batch(10)) {
      assertThat(batch.shape()).isEqualTo(Shape.of(10));
      assertThat(batch.getObject(0)).isEqualTo(TextInput.PROMPTS.get(0)).contains("<extra_id_0>");
      assertThat(batch.getObject(8)).isEqualTo(TextInput.PROMPTS.get(0));
    }
  }

  @Test
  void anyOtherInputIsRefusedNamingTheModelAndItsInputs() {
    assertThatThrownBy(() -> ServingInput.of("models/x/1", signature("ids", TInt32.class, Shape.of(-1, 8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models/x/1: signature 'serving_default' must take float32 'images'")
        .hasMessageContaining("string 'inputs'")
        .hasMessageContaining("{ids=DT_INT32 [-1, 8]}");
    assertThatThrownBy(() -> ServingInput.of("m", signature("images", TFloat32.class, Shape.of(-1, -1, -1, 3))))
        .hasMessageContaining("its inputs are {images=DT_FLOAT [-1, -1, -1, 3]}");
  }
}

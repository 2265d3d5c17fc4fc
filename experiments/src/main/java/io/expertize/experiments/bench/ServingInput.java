package io.expertize.experiments.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/**
 * What a served model's {@code serving_default} takes, as {@code expertize export} writes it, and
 * the batches a benchmark feeds it: raw pixels for image classifiers, text for text-to-text models.
 */
public sealed interface ServingInput permits ImageInput, TextInput {

  /** The signature's input name. */
  String name();

  /** What one example is, plural, for throughput ({@code images}, {@code texts}). */
  String unit();

  /** One line for reports: dtype, shape and what is fed. */
  String describe();

  /** A batch of {@code size} examples; the same for every call with that size. */
  Tensor batch(int size);

  /** For JSON reports. */
  Map<String, Object> toJson();

  /**
   * The input of {@code signature}: float32 {@code images} [batch, height, width, channels], or
   * string {@code inputs} [batch].
   *
   * @throws IllegalArgumentException naming {@code model} and the inputs it has, if neither
   */
  static ServingInput of(String model, Signature signature) {
    Map<String, Signature.TensorDescription> inputs = signature.getInputs();
    Signature.TensorDescription images = inputs.get(ImageInput.NAME);
    if (images != null && images.dataType == DataType.DT_FLOAT && images.shape.numDimensions() == 4
        && images.shape.get(1) > 0 && images.shape.get(2) > 0 && images.shape.get(3) > 0) {
      return new ImageInput(List.of(images.shape.get(1), images.shape.get(2), images.shape.get(3)));
    }
    Signature.TensorDescription texts = inputs.get(TextInput.NAME);
    if (texts != null && texts.dataType == DataType.DT_STRING && texts.shape.numDimensions() == 1) {
      return new TextInput();
    }
    Map<String, String> described = new TreeMap<>();
    inputs.forEach((name, t) -> described.put(name, t.dataType + " " + t.shape));
    throw new IllegalArgumentException(model + ": signature '" + signature.key() + "' must take float32 '"
        + ImageInput.NAME + "' [batch, height, width, channels] (an image classifier) or string '" + TextInput.NAME
        + "' [batch] (a text-to-text model); its inputs are " + described);
  }
}

package io.expertize.experiments.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** An image classifier's input: random raw pixels 0..255, what a client sends, of one image shape. */
public record ImageInput(List<Long> imageShape) implements ServingInput {
  static final String NAME = "images";
  private static final long SEED = 20261126L;

  public ImageInput {
    imageShape = List.copyOf(imageShape);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String unit() {
    return "images";
  }

  @Override
  public String describe() {
    return "float32 " + NAME + " [batch, " + imageShape.stream().map(String::valueOf).collect(Collectors.joining(", "))
        + "] of raw pixels 0..255";
  }

  /** The same seed for every batch size. */
  @Override
  public Tensor batch(int size) {
    Random random = new Random(SEED);
    long perImage = imageShape.stream().mapToLong(Long::longValue).reduce(1, (x, y) -> x * y);
    float[] pixels = new float[Math.toIntExact(size * perImage)];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(256);
    }
    return TFloat32.tensorOf(Shape.of(size, imageShape.get(0), imageShape.get(1), imageShape.get(2)),
        DataBuffers.of(pixels, true, false));
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", NAME);
    m.put("dtype", "float32");
    m.put("image_shape", imageShape);
    return m;
  }
}

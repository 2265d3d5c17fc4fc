package io.expertize.export;

import io.expertize.data.ImageDataset;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Top-1 of an image SavedModel as a client sees it: loaded through TensorFlow's own loader and asked
 * through {@code serving_default} with raw pixels (0..255, what a REST client sends), against the
 * labels of {@code test}. Nothing of the training graph is involved.
 *
 * @param correct images whose served class is the label
 * @param images images asked
 */
public record ServedAccuracy(int correct, int images) {
  private static final int BATCH = 500;

  public double top1() {
    return (double) correct / images;
  }

  public static ServedAccuracy measure(Path savedModel, ImageDataset test) {
    int perImage = test.shape().size();
    int correct = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
      for (int from = 0; from < test.size(); from += BATCH) {
        int n = Math.min(BATCH, test.size() - from);
        float[] raw = new float[n * perImage];
        for (int i = 0; i < raw.length; i++) {
          raw[i] = Math.round(test.pixel(from + i / perImage, i % perImage) * 255);
        }
        try (TFloat32 pixels = TFloat32.tensorOf(Shape.of(n, test.height(), test.width(), test.channels()));
            Result r = call(bundle, pixels, raw)) {
          TInt64 classes = (TInt64) r.get("classes").orElseThrow(
              () -> new ExportException(savedModel + ": serving_default has no 'classes' output"));
          for (int i = 0; i < n; i++) {
            if (classes.getLong(i) == test.label(from + i)) {
              correct++;
            }
          }
        }
      }
    }
    return new ServedAccuracy(correct, test.size());
  }

  private static Result call(SavedModelBundle bundle, TFloat32 pixels, float[] raw) {
    pixels.asRawTensor().data().asFloats().write(raw);
    return bundle.function("serving_default").call(Map.of("images", pixels));
  }
}

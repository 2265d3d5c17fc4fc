import java.io.DataInputStream;
import java.io.FileInputStream;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A serving client that knows nothing of Expertize: compiled and run by the export test with only
 * TensorFlow Java on the class path. Loads a SavedModel through TensorFlow's loader, feeds raw
 * pixels (big-endian floats from a file) to serving_default and prints one predicted class per line.
 */
public final class ServingClient {
  public static void main(String[] args) throws Exception {
    String modelDir = args[0];
    int n = Integer.parseInt(args[2]);
    int size = Integer.parseInt(args[3]);
    try (DataInputStream in = new DataInputStream(new FileInputStream(args[1]));
        SavedModelBundle model = SavedModelBundle.load(modelDir, "serve");
        TFloat32 pixels = TFloat32.tensorOf(Shape.of(n, size, size, 1))) {
      for (int i = 0; i < n; i++) {
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            pixels.setFloat(in.readFloat(), i, y, x, 0);
          }
        }
      }
      try (Result r = model.function("serving_default").call(Map.of("images", pixels))) {
        TInt64 classes = (TInt64) r.get("classes").orElseThrow();
        for (int i = 0; i < n; i++) {
          System.out.println(classes.getLong(i));
        }
      }
    }
  }
}

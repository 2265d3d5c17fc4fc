package io.expertize.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.ImageDataset;
import io.expertize.data.folder.ImageFiles;
import io.expertize.data.folder.ImageFolderSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Training and serving see the same pixels: an image folder of PNG, JPEG and BMP files at other sizes than
 * the model's, loaded for training, holds exactly what the export's {@code serving_image_bytes} decoder
 * makes of the same files' bytes (divided by 255, as the serving graph's preprocessing divides).
 */
class ImageFolderServingPixelsTest {
  private static final int SIZE = 24;
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void imageFolderPixelsEqualTheServingDecodersBitForBit(int channels) throws Exception {
    List<Path> files = List.of(dir.resolve("train/a/big.png"), dir.resolve("train/a/small.jpg"),
        dir.resolve("train/b/odd.bmp"), dir.resolve("train/b/same.png"));
    int[][] sizes = {{40, 40}, {13, 13}, {33, 17}, {SIZE, SIZE}};
    for (int i = 0; i < files.size(); i++) {
      ImageFiles.write(files.get(i), sizes[i][0], sizes[i][1], channels, i);
    }
    ImageFiles.write(dir.resolve("test/a/1.png"), 8, 8, channels, 10);
    ImageFiles.write(dir.resolve("test/b/1.png"), 8, 8, channels, 11);
    DataRequest request = DataRequest.of(dir).withImageSize(SIZE);
    ImageFolderSource source = new ImageFolderSource();
    DatasetInfo info = source.describe(request);
    assertThat(info.shape().channels()).isEqualTo(channels);
    ImageDataset train = source.load(request, info).train();
    assertThat(train.isByteStorage()).isFalse();

    List<byte[]> bytes = new ArrayList<>();
    for (Path f : files) {
      bytes.add(Files.readAllBytes(f));
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> encoded = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> pixels = ImageBytesDecoder.decode(tf, encoded, SIZE, channels);
      try (TString in = TString.tensorOfBytes(NdArrays.vectorOfObjects(bytes.toArray(byte[][]::new)));
          Result r = s.runner().feed(encoded, in).fetch(pixels).run()) {
        TFloat32 served = (TFloat32) r.get(0);
        int mismatches = 0;
        for (int i = 0; i < files.size(); i++) {
          for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
              for (int c = 0; c < channels; c++) {
                float expected = served.getFloat(i, y, x, c) / 255f;
                if (Float.floatToIntBits(train.pixel(i, (y * SIZE + x) * channels + c)) != Float.floatToIntBits(expected)) {
                  mismatches++;
                }
              }
            }
          }
        }
        assertThat(mismatches).isZero();
      }
    }
  }
}

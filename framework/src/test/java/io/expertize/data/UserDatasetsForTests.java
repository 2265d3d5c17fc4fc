package io.expertize.data;

import java.util.List;

/** A user's jar adding a dataset through the service file in the test resources: a 4x4 grey set of two classes. */
public final class UserDatasetsForTests implements DatasetProvider {
  static final String NAME = "test-checkerboards";

  @Override
  public List<DatasetSource> imageDatasets() {
    return List.of(new DatasetSource() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public DatasetInfo describe(DataRequest request) {
        return new DatasetInfo(new ImageShape(4, 4, 1), List.of("dark", "light"));
      }

      @Override
      public DatasetSplits load(DataRequest request, DatasetInfo info) {
        return new DatasetSplits(images("train", 8), images("test", 4), info.classNames());
      }
    });
  }

  private static ImageDataset images(String split, int n) {
    byte[] pixels = new byte[n * 16];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int p = 0; p < 16; p++) {
        pixels[i * 16 + p] = (byte) (labels[i] * 200 + (p % 2) * 40);
      }
    }
    return ImageDataset.ofBytes(NAME + "/" + split, new ImageShape(4, 4, 1), pixels, labels, 2);
  }
}

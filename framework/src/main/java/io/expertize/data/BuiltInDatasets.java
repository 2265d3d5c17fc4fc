package io.expertize.data;

import io.expertize.data.folder.ImageFolderSource;
import io.expertize.data.tfrecord.TfRecordSource;
import io.expertize.data.text.FortunesSource;
import io.expertize.data.text.TextFilesSource;
import io.expertize.data.text.TextSource;
import java.util.List;

/** The datasets the framework ships: Fashion-MNIST, any IDX set, image folders, TFRecord files; Debian's fortunes, text files. */
public final class BuiltInDatasets implements DatasetProvider {
  @Override
  public List<DatasetSource> imageDatasets() {
    return List.of(new FashionMnistSource(), new IdxSource(), new ImageFolderSource(), new TfRecordSource());
  }

  @Override
  public List<TextSource> textDatasets() {
    return List.of(new FortunesSource(), new TextFilesSource());
  }
}

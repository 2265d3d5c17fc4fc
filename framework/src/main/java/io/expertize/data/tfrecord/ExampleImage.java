package io.expertize.data.tfrecord;

import com.google.protobuf.InvalidProtocolBufferException;
import io.expertize.data.DataException;
import io.expertize.data.folder.EncodedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * One {@code tf.train.Example} as an encoded image and its label: the first value of the bytes feature
 * {@code imageFeature} and of the int64 feature {@code labelFeature} (TFDS and the Model Garden store one
 * of each per Example).
 */
record ExampleImage(Path file, int record, byte[] encoded, int label) implements EncodedImage {

  static ExampleImage parse(Path file, int record, byte[] data, String imageFeature, String labelFeature) {
    Example example;
    try {
      example = Example.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new DataException(file + ", record " + record + ": not a tf.train.Example (" + e.getMessage() + ")", e);
    }
    Map<String, Feature> features = example.getFeatures().getFeatureMap();
    Feature image = feature(file, record, features, imageFeature, Feature.KindCase.BYTES_LIST, "data.image-feature");
    Feature label = feature(file, record, features, labelFeature, Feature.KindCase.INT64_LIST, "data.label-feature");
    if (image.getBytesList().getValueCount() == 0 || label.getInt64List().getValueCount() == 0) {
      throw new DataException(file + ", record " + record + ": feature '"
          + (image.getBytesList().getValueCount() == 0 ? imageFeature : labelFeature) + "' holds no value");
    }
    long value = label.getInt64List().getValue(0);
    if (value < 0 || value >= Integer.MAX_VALUE) {
      throw new DataException(file + ", record " + record + ": label " + value + " in '" + labelFeature
          + "'; expected a class index 0, 1, ...");
    }
    return new ExampleImage(file, record, image.getBytesList().getValue(0).toByteArray(), (int) value);
  }

  private static Feature feature(Path file, int record, Map<String, Feature> features, String name,
      Feature.KindCase kind, String key) {
    Feature f = features.get(name);
    if (f == null) {
      throw new DataException(file + ", record " + record + ": no feature '" + name + "'; the Example has "
          + new TreeSet<>(features.keySet()) + ": name the right one with " + key);
    }
    if (f.getKindCase() != kind) {
      throw new DataException(file + ", record " + record + ": feature '" + name + "' is a "
          + f.getKindCase().name().toLowerCase(java.util.Locale.ROOT) + ", expected a "
          + kind.name().toLowerCase(java.util.Locale.ROOT) + " (" + key + ")");
    }
    return f;
  }

  @Override
  public String source() {
    return file + ", record " + record;
  }

  @Override
  public byte[] bytes() {
    return encoded;
  }
}

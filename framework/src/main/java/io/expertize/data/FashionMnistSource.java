package io.expertize.data;

import java.util.Optional;

/** Fashion-MNIST as a {@link DatasetSource}: its 28x28 grey images, 10 named classes and known normalisation. */
public final class FashionMnistSource implements DatasetSource {
  @Override
  public String name() {
    return "fashion-mnist";
  }

  @Override
  public DatasetInfo describe(DataRequest request) {
    if (!request.classes().isEmpty() && !request.classes().equals(FashionMnist.CLASS_NAMES)) {
      throw new DataException("data.classes: " + request.classes() + " are not Fashion-MNIST's classes "
          + FashionMnist.CLASS_NAMES + "; leave data.classes empty");
    }
    return new DatasetInfo(FashionMnist.SHAPE, FashionMnist.CLASS_NAMES);
  }

  @Override
  public DatasetSplits load(DataRequest request, DatasetInfo info) {
    return FashionMnist.load(FashionMnist.locate(request.dir()), request.trainLimit(), request.testLimit());
  }

  @Override
  public Optional<Normalization> knownNormalization() {
    return Optional.of(FashionMnist.NORMALIZATION);
  }
}

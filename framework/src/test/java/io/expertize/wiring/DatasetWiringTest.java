package io.expertize.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.expertize.config.ConfigException;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetRegistry;
import io.expertize.data.ImageShape;
import io.expertize.data.Normalization;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.testing.TinyClassifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Datasets come from DatasetProvider services; a run records what its data turned out to be. */
class DatasetWiringTest {
  private static final ModelRegistry MODELS = new ModelRegistry(Map.of("tiny", new ModelFactory() {
    @Override public String name() { return "tiny"; }
    @Override public String description() { return "test model"; }
    @Override public ImageClassifier create(ModelRequest r) {
      ModelRequest.Images in = r.requireImages("tiny");
      return new TinyClassifier(in.size(), in.channels(), in.numClasses(), r.patchSizeOr(2), r.dimOr(8));
    }
    @Override public ImageClassifier reference() { return create(ModelRequest.of(4, 1, 2)); }
  }));

  private static ExpertizeConfig config(String... sets) {
    return ConfigLoader.create().withModelNames(MODELS.all().keySet()).load(List.of(sets));
  }

  private static Injector injector(ExpertizeConfig config) {
    return Guice.createInjector(new ConfigModule(config), new ModelsModule(MODELS), new DataModule(), new TrainModule(),
        new TaskModule());
  }

  @Test
  void theBuiltInsAndAUsersJarAreRegistered() {
    assertThat(DatasetRegistry.discover().names())
        .contains("fashion-mnist", "idx", "image-folder", "fortunes", "test-checkerboards");
  }

  @Test
  void aUsersDatasetTrainsItsModelAndIsRecorded() {
    ExpertizeConfig config = config("model=tiny", "data=test-checkerboards");
    Injector injector = injector(config);
    ImageClassifier model = injector.getInstance(ImageClassifier.class);
    assertThat(List.of(model.imageSize(), model.channels(), model.numClasses())).containsExactly(4, 1, 2);
    RunWiring.task(injector);

    ExpertizeConfig recorded = RunWiring.recorded(injector, config);
    assertThat(recorded.get(Keys.DATA_CLASSES)).isEqualTo("dark,light");
    assertThat(recorded.get(Keys.MODEL_IMAGE_SIZE)).contains(4);
    assertThat(recorded.get(Keys.DATA_COLOR_MODE)).isEqualTo("grayscale");
    Normalization measured = injector.getInstance(Normalization.class);
    assertThat(recorded.get(Keys.DATA_MEAN)).isEqualTo(String.valueOf(measured.mean(0)));

    // what an export of the run sees: the recorded facts, not the data
    Injector again = injector(recorded);
    assertThat(again.getInstance(Normalization.class)).isEqualTo(measured);
    assertThat(again.getInstance(DatasetInfo.class)).isEqualTo(
        new DatasetInfo(new ImageShape(4, 4, 1), List.of("dark", "light")));
  }

  @Test
  void aRecordedImageFolderRunNeedsNoData() {
    ExpertizeConfig recorded = config("model=tiny", "data=image-folder", "data.dir=/nonexistent/images",
        "model.image-size=4", "data.color-mode=rgb", "data.classes=cat,dog", "data.mean=0.5,0.4,0.3",
        "data.std=0.2,0.2,0.25");
    Injector injector = injector(recorded);
    assertThat(injector.getInstance(ImageClassifier.class).channels()).isEqualTo(3);
    assertThat(injector.getInstance(Normalization.class))
        .isEqualTo(Normalization.of(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.2f, 0.25f}));
  }

  @Test
  void anUnknownDatasetListsTheRegisteredNames() {
    assertThatThrownBy(() -> injector(config("model=tiny", "data=imagenet")).getInstance(ImageClassifier.class))
        .isInstanceOf(ProvisionException.class).cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("data: no dataset named 'imagenet'; registered: fashion-mnist, fortunes, idx, "
            + "image-folder, test-checkerboards");
  }

  @Test
  void meanAndStdNeedOneValuePerChannel() {
    assertThatThrownBy(() -> injector(config("model=tiny", "data=test-checkerboards", "data.mean=0.5,0.5",
        "data.std=0.2,0.2")).getInstance(Normalization.class))
        .isInstanceOf(ProvisionException.class).cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("data.mean: '0.5,0.5' needs 1 comma-separated value(s)");
  }
}

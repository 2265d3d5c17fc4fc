package io.expertize.data;

import io.expertize.data.text.TextSource;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every dataset name on the class path: image datasets and text corpora, one name space. */
public record DatasetRegistry(Map<String, DatasetSource> images, Map<String, TextSource> texts) {

  public DatasetRegistry {
    images = Collections.unmodifiableMap(new TreeMap<>(images));
    texts = Collections.unmodifiableMap(new TreeMap<>(texts));
  }

  /** The datasets contributed through {@link DatasetProvider} services. */
  public static DatasetRegistry discover() {
    Map<String, DatasetSource> images = new TreeMap<>();
    Map<String, TextSource> texts = new TreeMap<>();
    Map<String, Object> all = new TreeMap<>();
    for (DatasetProvider provider : ServiceLoader.load(DatasetProvider.class)) {
      provider.imageDatasets().forEach(d -> images.put(unique(all, d.name(), d), d));
      provider.textDatasets().forEach(d -> texts.put(unique(all, d.name(), d), d));
    }
    return new DatasetRegistry(images, texts);
  }

  private static String unique(Map<String, Object> all, String name, Object dataset) {
    Object previous = all.putIfAbsent(name, dataset);
    if (previous != null) {
      throw new IllegalStateException("dataset name '" + name + "' is registered twice: by "
          + previous.getClass().getName() + " and by " + dataset.getClass().getName());
    }
    return name;
  }

  /** Every registered name, sorted. */
  public TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>(images.keySet());
    names.addAll(texts.keySet());
    return names;
  }
}

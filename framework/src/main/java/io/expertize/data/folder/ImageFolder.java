package io.expertize.data.folder;

import io.expertize.data.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a class-per-folder tree, as torchvision's {@code ImageFolder} and Keras'
 * {@code image_dataset_from_directory} read it: either {@code DIR/train/<class>/...} with
 * {@code DIR/test/<class>/...} (or {@code DIR/val/}), or one {@code DIR/<class>/...} tree split per class
 * by a seeded fraction. Class names are the folder names sorted by code point; the files of a class
 * are every PNG, JPEG, BMP or GIF below its folder, in path order; hidden files and folders are skipped.
 *
 * @param classNames folder names, sorted: label {@code i} is {@code classNames.get(i)}
 * @param train training files, class by class
 * @param test held-out files, class by class
 * @param layout how the split was found, for messages and the run's record
 */
record ImageFolder(List<String> classNames, List<LabelledFile> train, List<LabelledFile> test, String layout) {
  static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  static ImageFolder scan(Path dir, double valFraction, long seed) {
    if (!Files.isDirectory(dir)) {
      throw new DataException("image folder not found: " + dir + "; expected DIR/train/<class>/* and DIR/test/<class>/* "
          + "(or DIR/val/), or DIR/<class>/*");
    }
    Path train = dir.resolve("train");
    if (!Files.isDirectory(train)) {
      return split(dir, valFraction, seed);
    }
    Path test = Stream.of("test", "val").map(dir::resolve).filter(Files::isDirectory).findFirst()
        .orElseThrow(() -> new DataException(dir + " has train/ but neither test/ nor val/; expected the held-out "
            + "images in " + dir.resolve("test") + "/<class>/*"));
    List<String> classes = classes(train);
    List<String> testClasses = classes(test);
    if (!classes.equals(testClasses)) {
      throw new DataException("the classes of " + train + " and " + test + " differ: only in train/: "
          + minus(classes, testClasses) + ", only in " + test.getFileName() + "/: " + minus(testClasses, classes)
          + "; expected the same class folders in both");
    }
    return new ImageFolder(classes, files(train, classes), files(test, classes),
        "train/ and " + test.getFileName() + "/");
  }

  /** One tree; {@code valFraction} of each class (at least one image when the class has two) held out. */
  private static ImageFolder split(Path dir, double valFraction, long seed) {
    List<String> classes = classes(dir);
    List<LabelledFile> train = new ArrayList<>();
    List<LabelledFile> test = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      List<LabelledFile> all = files(dir.resolve(classes.get(c)), c);
      int held = all.size() < 2 ? 0 : Math.max(1, (int) Math.round(all.size() * valFraction));
      List<Integer> order = new ArrayList<>(all.size());
      for (int i = 0; i < all.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(seed * 31 + c));
      Set<Integer> heldOut = new TreeSet<>(order.subList(0, held));
      for (int i = 0; i < all.size(); i++) {
        (heldOut.contains(i) ? test : train).add(all.get(i));
      }
    }
    if (test.isEmpty()) {
      throw new DataException(dir + ": no class has two images, so none can be held out for evaluation; add images "
          + "or give " + dir + "/train/ and " + dir + "/test/");
    }
    return new ImageFolder(classes, train, test,
        String.format(Locale.ROOT, "one tree, %.3g of each class held out (seed %d)", valFraction, seed));
  }

  private static List<String> classes(Path dir) {
    List<String> names = new ArrayList<>();
    List<String> strayImages = new ArrayList<>();
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(p)) {
        names.add(name);
      } else if (isImage(p)) {
        strayImages.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new DataException("no class folders in " + dir + (strayImages.isEmpty() ? "" : " (it holds images such as "
          + strayImages.get(0) + " directly)") + "; expected one folder of images per class, " + dir + "/<class>/*");
    }
    for (String name : names) {
      if (name.contains(",")) {
        throw new DataException("class folder " + dir.resolve(name) + ": a comma in a class name cannot be recorded "
            + "in data.classes (a comma-separated list); rename the folder");
      }
    }
    return names; // list() sorts
  }

  private static List<LabelledFile> files(Path root, List<String> classes) {
    List<LabelledFile> all = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      all.addAll(files(root.resolve(classes.get(c)), c));
    }
    return all;
  }

  private static List<LabelledFile> files(Path classDir, int label) {
    List<LabelledFile> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classDir)) {
      walk.filter(p -> !hidden(classDir.relativize(p))).filter(Files::isRegularFile).filter(ImageFolder::isImage)
          .sorted(Comparator.comparing(Path::toString)).forEach(p -> found.add(new LabelledFile(p, label)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + classDir, e);
    }
    if (found.isEmpty()) {
      throw new DataException("class folder " + classDir + " holds no images; expected PNG, JPEG, BMP or GIF files ("
          + String.join(", ", new TreeSet<>(EXTENSIONS)) + ") in it, or remove the folder");
    }
    return found;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<String> minus(List<String> a, List<String> b) {
    List<String> rest = new ArrayList<>(a);
    rest.removeAll(b);
    return rest;
  }
}

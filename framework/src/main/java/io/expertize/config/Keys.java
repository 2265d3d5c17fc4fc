package io.expertize.config;

import static io.expertize.config.Constraint.above;
import static io.expertize.config.Constraint.any;
import static io.expertize.config.Constraint.atLeast;
import static io.expertize.config.Constraint.closed;
import static io.expertize.config.Constraint.closedOpen;
import static io.expertize.config.Constraint.nonEmpty;
import static io.expertize.config.Constraint.oneOf;
import static io.expertize.config.Constraint.openClosed;
import static io.expertize.config.ValueType.BOOLEAN;
import static io.expertize.config.ValueType.DOUBLE;
import static io.expertize.config.ValueType.INT;
import static io.expertize.config.ValueType.LONG;
import static io.expertize.config.ValueType.STRING;

import io.expertize.annotations.Scheme;
import io.expertize.experts.FusionAttribute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry: every configuration key, in the order of the docs and of dumped configs.
 * Adding a key here is all it takes; loader, dump and docs pick it up.
 */
public final class Keys {
  /** Value of the {@code model.*} and {@code fusion.*} keys that leaves the model's own value (or annotation) in force. */
  public static final String FROM_MODEL = "model";
  /** Value of {@code model.image-size} that takes the dataset's own size. */
  public static final String FROM_DATA = "data";
  /** Value of {@code data.train-subset} and {@code data.test-subset} that uses every example. */
  public static final String EVERY = "all";

  // Filled by key(...) as the constants below initialise; must be declared first.
  private static final List<ConfigKey<?>> REGISTRY = new ArrayList<>();
  private static final Map<FusionAttribute<?>, ConfigKey<?>> FUSION_KEYS = new LinkedHashMap<>();

  /** Where the Debian package puts Fashion-MNIST; used when {@link #DATA_DIR} is empty. */
  public static final Path DEFAULT_FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  // --- run ---
  public static final ConfigKey<String> MODEL =
      key("model", STRING, "vit_quickstart",
          "registered model: the zoo's, or one a ModelProvider on the class path (./expertize --classpath JAR) adds",
          nonEmpty(),
          "model-name", "arch", "architecture");
  public static final ConfigKey<String> DATA =
      key("data", STRING, "fashion-mnist",
          "dataset to train and evaluate on, any registered name: fashion-mnist, idx, image-folder, tfrecord "
              + "(images), fortunes, text-files (text, span corruption, for text-to-text models), or one a DatasetProvider on the "
              + "class path adds", nonEmpty(),
          "dataset");
  public static final ConfigKey<String> DATA_DIR =
      key("data.dir", STRING, "",
          "dataset directory; empty = the Debian package location (" + DEFAULT_FASHION_MNIST_DIR
              + ", /usr/share/games/fortunes)",
          any(), "data-dir", "data-path", "dataset-dir");
  public static final ConfigKey<Optional<Integer>> DATA_TRAIN_SUBSET =
      orUnset("data.train-subset", INT, EVERY, 0,
          "use only the first N training examples (images, text segments); all = every one", atLeast(1));
  public static final ConfigKey<Optional<Integer>> DATA_TEST_SUBSET =
      orUnset("data.test-subset", INT, EVERY, 0,
          "use only the first N test examples (images, text segments); all = every one", atLeast(1));
  public static final ConfigKey<String> DATA_COLOR_MODE =
      key("data.color-mode", STRING, "auto",
          "image-folder: grayscale (1 channel) or rgb (3); auto = as the first training image is (grey or grey with "
              + "alpha: grayscale); a run records what it used", oneOf("auto", "grayscale", "rgb"), "color-mode");
  public static final ConfigKey<Double> DATA_VAL_FRACTION =
      key("data.val-fraction", DOUBLE, 0.1,
          "image-folder without train/ and test/: share of each class held out for evaluation (seeded by seed)",
          closed(0.01, 0.9), "val-fraction", "validation-split");
  public static final ConfigKey<String> DATA_CLASSES =
      key("data.classes", STRING, "",
          "class names in label order, comma-separated; empty = the data's own (image-folder: folder names, sorted; "
              + "idx: 0, 1, ...); a run records them", any(), "class-names");
  public static final ConfigKey<String> DATA_MEAN =
      key("data.mean", STRING, "",
          "per-channel mean of the pixels in [0, 1], comma-separated; empty = the dataset's (measured on the training "
              + "split unless it has known values); a run records it, evaluation and the export use it", any());
  public static final ConfigKey<String> DATA_STD =
      key("data.std", STRING, "",
          "per-channel std of the pixels in [0, 1], comma-separated; empty = as data.mean", any());
  public static final ConfigKey<String> DATA_TRAIN_FILES =
      key("data.train-files", STRING, "",
          "tfrecord, text-files: glob of the training files, relative to data.dir unless absolute (e.g. "
              + "'train-*.tfrecord'); empty = the files of data.dir whose names contain 'train' (text-files: else "
              + "every file, with every 20th document held out)", any(), "train-files");
  public static final ConfigKey<String> DATA_TEST_FILES =
      key("data.test-files", STRING, "",
          "tfrecord, text-files: glob of the held-out files, as data.train-files; empty = names containing 'test', "
              + "else 'val' (text-files: else every 20th document of the training files)", any(), "test-files");
  public static final ConfigKey<String> DATA_IMAGE_FEATURE =
      key("data.image-feature", STRING, "image/encoded",
          "tfrecord: the tf.train.Example feature holding the encoded image (PNG, JPEG, BMP, GIF bytes)", nonEmpty(),
          "image-key");
  public static final ConfigKey<String> DATA_LABEL_FEATURE =
      key("data.label-feature", STRING, "image/class/label",
          "tfrecord: the tf.train.Example int64 feature holding the class label (0, 1, ...)", nonEmpty(),
          "label-key");
  public static final ConfigKey<String> DATA_COMPRESSION =
      key("data.compression", STRING, "auto",
          "tfrecord: none or gzip; auto = gzip when a file starts with gzip's magic bytes",
          oneOf("auto", "none", "gzip"), "compression-type");
  public static final ConfigKey<Boolean> DATA_SKIP_BAD_IMAGES =
      key("data.skip-bad-images", BOOLEAN, false,
          "image-folder, tfrecord: skip images that cannot be decoded (listed in RUN/skipped-images.txt, counted in "
              + "summary.json) instead of stopping at the first", any(), "skip-bad-images");
  public static final ConfigKey<String> DATA_SEPARATOR =
      key("data.separator", STRING, "line",
          "text-files: how plain-text files split into documents: line (one per line), blank-line (paragraphs) or "
              + "percent (records between lines holding only %, as fortune files)",
          oneOf("line", "blank-line", "percent"), "separator");
  public static final ConfigKey<String> DATA_TEXT_FIELD =
      key("data.text-field", STRING, "text",
          "text-files: the string field of each JSON object in .jsonl files (JSON Lines) that holds the document",
          nonEmpty(), "text-field");
  public static final ConfigKey<Integer> DATA_INPUTS_LENGTH =
      key("data.inputs-length", INT, 128,
          "text: encoder length in tokens (bytes after span corruption, eos included); the targets' length "
              + "follows from it, and served inputs are cut to it", closed(8, 8192), "inputs-length", "encoder-length");
  public static final ConfigKey<Double> DATA_NOISE_DENSITY =
      key("data.noise-density", DOUBLE, 0.15, "text: fraction of tokens that span corruption removes",
          closed(0.01, 0.5), "noise-density");
  public static final ConfigKey<Double> DATA_MEAN_SPAN_LENGTH =
      key("data.mean-span-length", DOUBLE, 3.0, "text: mean length of a corrupted span", closed(1.0, 64.0),
          "mean-noise-span-length");
  public static final ConfigKey<Long> SEED =
      key("seed", LONG, 42L, "seed for initialisation, shuffling and augmentation", any(),
          "random-seed", "rng-seed");

  // --- train ---
  public static final ConfigKey<Integer> TRAIN_EPOCHS =
      key("train.epochs", INT, 14, "passes over the training set", closed(1, 10000),
          "num-epochs", "max-epochs");
  public static final ConfigKey<Optional<Long>> TRAIN_STEPS =
      orUnset("train.steps", LONG, "epochs", 0L,
          "stop after this many optimiser steps; epochs = no limit but train.epochs", atLeast(1L),
          "max-steps", "num-steps", "total-steps");
  public static final ConfigKey<Integer> TRAIN_BATCH_SIZE =
      key("train.batch-size", INT, 128, "training images per step", closed(1, 65536), "batch");
  public static final ConfigKey<Double> TRAIN_WARMUP_EPOCHS =
      key("train.warmup-epochs", DOUBLE, 0.3, "linear learning-rate warm-up, in epochs; fractions allowed",
          atLeast(0.0), "warmup");
  public static final ConfigKey<Double> TRAIN_LABEL_SMOOTHING =
      key("train.label-smoothing", DOUBLE, 0.1, "label smoothing of the training cross-entropy: eps of the "
              + "class targets (images) or of the target tokens over the vocabulary (text; T5 pretrains with 0); "
              + "evaluation loss is plain cross-entropy",
          closedOpen(0.0, 1.0), "smoothing");
  public static final ConfigKey<Optional<Double>> TRAIN_GRAD_CLIP =
      key("train.grad-clip", ValueType.orUnset(DOUBLE, "off", 0.0), Optional.of(1.0),
          "clip the global gradient norm to this; off = no clipping", Constraint.orUnset("off", above(0.0)),
          "clip-grad", "max-grad-norm", "grad-norm", "gradient-clip");
  public static final ConfigKey<Integer> TRAIN_LOG_EVERY =
      key("train.log-every", INT, 50, "log training metrics every N steps", atLeast(1),
          "log-interval");
  public static final ConfigKey<Integer> TRAIN_EVAL_EVERY_EPOCHS =
      key("train.eval-every-epochs", INT, 1, "evaluate on the test set every N epochs", atLeast(1),
          "eval-every", "eval-interval");
  public static final ConfigKey<Optional<Integer>> TRAIN_CHECKPOINT_EVERY =
      orUnset("train.checkpoint-every", INT, "epoch", 0,
          "also checkpoint every N steps (every epoch's end and the run's end always are); epoch = at those only", atLeast(1),
          "save-every", "checkpoint-interval");
  public static final ConfigKey<Integer> TRAIN_KEEP_CHECKPOINTS =
      key("train.keep-checkpoints", INT, 3, "how many recent checkpoints to keep", atLeast(1),
          "max-checkpoints", "keep-last");

  // --- eval ---
  public static final ConfigKey<Integer> EVAL_BATCH_SIZE =
      key("eval.batch-size", INT, 500, "evaluation images per step", atLeast(1));

  // --- optimiser (AdamW with warm-up and cosine decay) ---
  public static final ConfigKey<Double> OPTIM_LR =
      key("optim.lr", DOUBLE, 2e-3, "peak learning rate, reached after warm-up",
          openClosed(0.0, 10.0), "learning-rate", "lr0", "base-lr");
  public static final ConfigKey<Double> OPTIM_MIN_LR =
      key("optim.min-lr", DOUBLE, 1e-5, "learning rate at the end of the cosine decay",
          atLeast(0.0), "min-learning-rate", "final-lr");
  public static final ConfigKey<Double> OPTIM_WEIGHT_DECAY =
      key("optim.weight-decay", DOUBLE, 0.05, "decoupled (AdamW) weight decay", atLeast(0.0), "wd");
  public static final ConfigKey<Double> OPTIM_BETA1 =
      key("optim.beta1", DOUBLE, 0.9, "Adam first-moment decay", closedOpen(0.0, 1.0));
  public static final ConfigKey<Double> OPTIM_BETA2 =
      key("optim.beta2", DOUBLE, 0.999, "Adam second-moment decay", closedOpen(0.0, 1.0));
  public static final ConfigKey<Double> OPTIM_EPS =
      key("optim.eps", DOUBLE, 1e-8, "Adam denominator epsilon", above(0.0), "epsilon");

  // --- augmentation ---
  public static final ConfigKey<Integer> AUG_CROP_PADDING =
      key("aug.crop-padding", INT, 0, "pad by N pixels, then random-crop back; 0 = off",
          closed(0, 64), "padding", "random-crop");
  public static final ConfigKey<Boolean> AUG_HFLIP =
      key("aug.hflip", BOOLEAN, false, "random horizontal flips (off by default: Fashion-MNIST shoes all face one way)", any(), "flip", "horizontal-flip");
  public static final ConfigKey<Double> AUG_RANDOM_ERASING =
      key("aug.random-erasing", DOUBLE, 0.0, "probability of erasing a random rectangle",
          closed(0.0, 1.0), "reprob", "erasing");
  public static final ConfigKey<Double> AUG_MIXUP_ALPHA =
      key("aug.mixup-alpha", DOUBLE, 0.0, "Beta(alpha, alpha) for mixup; 0 = off", atLeast(0.0),
          "mixup");
  public static final ConfigKey<Double> AUG_CUTMIX_ALPHA =
      key("aug.cutmix-alpha", DOUBLE, 0.0, "Beta(alpha, alpha) for CutMix; 0 = off", atLeast(0.0),
          "cutmix");
  public static final ConfigKey<Double> AUG_MIX_PROB =
      key("aug.mix-prob", DOUBLE, 1.0, "probability of applying mixup or CutMix to a batch",
          closed(0.0, 1.0), "mixup-prob");
  public static final ConfigKey<Double> AUG_SWITCH_PROB =
      key("aug.switch-prob", DOUBLE, 0.5, "probability of CutMix rather than mixup when both are on",
          closed(0.0, 1.0), "mixup-switch-prob");

  // --- model overrides (model = keep the named model's own value) ---
  public static final ConfigKey<Optional<Integer>> MODEL_IMAGE_SIZE =
      orUnset("model.image-size", INT, FROM_DATA, 0, "input image side in pixels; data = the dataset's (image-folder: "
              + "the first training image's, all are resized to it; a run records it)",
          atLeast(1), "img-size", "input-size");
  public static final ConfigKey<Optional<Integer>> MODEL_PATCH_SIZE =
      ownOr("model.patch-size", INT, 0, "patch side in pixels", atLeast(1), "patch");
  public static final ConfigKey<Optional<Integer>> MODEL_DIM =
      ownOr("model.dim", INT, 0, "embedding width", atLeast(1), "embed-dim", "hidden-size", "width");
  public static final ConfigKey<Optional<Integer>> MODEL_DEPTH =
      ownOr("model.depth", INT, 0, "number of blocks", atLeast(1), "layers", "num-layers");
  public static final ConfigKey<Optional<Integer>> MODEL_HEADS =
      ownOr("model.heads", INT, 0, "attention heads", atLeast(1), "num-heads");
  public static final ConfigKey<Optional<Double>> MODEL_MLP_RATIO =
      ownOr("model.mlp-ratio", DOUBLE, 0.0, "feed-forward width / embedding width", above(0.0), "mlp");
  public static final ConfigKey<Optional<Double>> MODEL_DROP_PATH =
      ownOr("model.drop-path", DOUBLE, -1.0, "stochastic-depth rate", closedOpen(0.0, 1.0),
          "drop-path-rate", "stochastic-depth");
  public static final ConfigKey<Optional<Integer>> MODEL_WINDOW_SIZE =
      ownOr("model.window-size", INT, 0, "attention window side in tokens (Swin)", atLeast(1),
          "window", "window-size");
  public static final ConfigKey<String> MODEL_DEPTHS =
      key("model.depths", STRING, "",
          "blocks per stage of hierarchical models (Swin, PVT), e.g. 2,2,6,2; its length sets the number of "
              + "stages; empty = the model's own",
          new Constraint<>(s -> s.matches("(\\s*[1-9][0-9]*\\s*(,\\s*[1-9][0-9]*\\s*)*)?"),
              "empty or comma-separated positive block counts"),
          "stage-depths");
  public static final ConfigKey<Integer> MODEL_FFN_INIT_MEAN_OF =
      key("model.ffn-init-mean-of", INT, 1,
          "dense training: the FFNs start as the mean of N independent draws, exactly where sw with N experts "
              + "starts (the control of docs/studies.md); 1 = one plain draw", closed(1, 1024));
  public static final ConfigKey<Optional<Double>> MODEL_DROPOUT =
      ownOr("model.dropout", DOUBLE, -1.0, "dropout rate", closedOpen(0.0, 1.0), "drop-rate");

  // --- experts / fusion ---

  public static final ConfigKey<String> FUSION_SCHEME = choice(FusionAttribute.SCHEME, "scheme", "expert-scheme");
  public static final ConfigKey<Optional<Integer>> FUSION_EXPERTS =
      orUnset("fusion.experts", INT, FROM_MODEL, 0, "experts per expertized feed-forward layer; model = the "
          + "@Expertize value", closed(1, 1024), "num-experts", "n-experts");
  public static final ConfigKey<String> FUSION_PLACEMENT =
      key("fusion.placement", STRING, FROM_MODEL,
          "which blocks get experts: all, every-K, odd, even, first-K, last-K or a list 0,3,5; "
              + "model = the @Expertize value", nonEmpty(), "placement");
  public static final ConfigKey<Optional<Double>> FUSION_MOMENTUM = number(FusionAttribute.MOMENTUM, DOUBLE, -1.0, "bank-momentum");
  public static final ConfigKey<String> FUSION_SHARED_ROUTER = choice(FusionAttribute.SHARED_ROUTER);
  public static final ConfigKey<String> FUSION_BIAS_CORRECTED_BANK = choice(FusionAttribute.BIAS_CORRECTED_BANK);
  public static final ConfigKey<String> FUSION_NORMALIZED_WEIGHTS = choice(FusionAttribute.NORMALIZED_WEIGHTS);
  public static final ConfigKey<Optional<Double>> FUSION_SHARE_RATE = number(FusionAttribute.SHARE_RATE, DOUBLE, -1.0, "share-rate");
  public static final ConfigKey<String> FUSION_SHARE_SCHEDULE = choice(FusionAttribute.SHARE_SCHEDULE);
  public static final ConfigKey<Optional<Integer>> FUSION_TOP_K = number(FusionAttribute.K, INT, 0, "top-k", "k");
  public static final ConfigKey<Optional<Double>> FUSION_CAPACITY_FACTOR =
      number(FusionAttribute.CAPACITY_FACTOR, DOUBLE, -1.0, "capacity-factor");
  public static final ConfigKey<Optional<Double>> FUSION_BALANCE_LOSS_WEIGHT =
      number(FusionAttribute.BALANCE_LOSS_WEIGHT, DOUBLE, -1.0, "balance-loss-weight", "aux-loss-weight");
  public static final ConfigKey<Optional<Double>> FUSION_EARLY_EWA_FRACTION =
      number(FusionAttribute.EARLY_EWA_FRACTION, DOUBLE, -1.0, "early-ewa");
  public static final ConfigKey<String> FUSION_INIT =
      key("fusion.init", STRING, "scratch",
          "how experts start: scratch (independent random draws) or upcycle (copies of the dense FFN of "
              + "fusion.upcycle-from, every other parameter copied as is)",
          oneOf("scratch", "upcycle"), "init", "initialization", "upcycle");
  public static final ConfigKey<String> FUSION_UPCYCLE_FROM =
      key("fusion.upcycle-from", STRING, "",
          "upcycle: run directory (its newest checkpoint) or checkpoint directory ckpt-<step> of the same model "
              + "trained with fusion.scheme=dense",
          any(), "upcycle-from", "init-from", "pretrained", "dense-checkpoint");
  public static final ConfigKey<Double> FUSION_UPCYCLE_NOISE =
      key("fusion.upcycle-noise", DOUBLE, 0.0,
          "upcycle: std of the Gaussian noise on each expert copy, relative to its dense parameter's std; "
              + "0 = exact copies (fine for ewa; sw/dw/mb need > 0 to diverge, e.g. 0.01)",
          atLeast(0.0), "upcycle-noise", "noise");

  // --- distillation (DeiT) ---
  public static final ConfigKey<String> DISTILL_TEACHER =
      key("distill.teacher", STRING, "",
          "distillation (DeiT, distill.type) of a distilled student (deit_*_distilled_*) from a teacher: a SavedModel "
              + "(an `expertize export` version directory BASE/NAME/N, its model base path BASE/NAME for the "
              + "highest version, or any SavedModel whose serving_default maps a float32 image batch to class "
              + "scores), or a run directory of `expertize train` (its newest checkpoint) or one of its "
              + "checkpoints/ckpt-<step>; a new run records the exact version or checkpoint here; empty = no teacher",
          any(), "teacher", "distillation-teacher", "teacher-model");
  public static final ConfigKey<String> DISTILL_TYPE =
      key("distill.type", STRING, "hard",
          "what the distillation head learns from the teacher (DeiT's --distillation-type): hard = its argmax, by "
              + "cross-entropy; soft = its softmax(scores / distill.tau), by KL divergence x tau^2 / (batch x "
              + "classes) as DeiT's losses.py (needs a teacher answering logits or probabilities)",
          oneOf("hard", "soft"), "distillation-type");
  public static final ConfigKey<Double> DISTILL_TAU =
      key("distill.tau", DOUBLE, 1.0,
          "temperature of soft distillation (DeiT's --distillation-tau); only with distill.type=soft",
          above(0.0), "distillation-tau", "temperature");
  public static final ConfigKey<Double> DISTILL_ALPHA =
      key("distill.alpha", DOUBLE, 0.5,
          "weight of the distillation head's loss (cross-entropy against the teacher's classes, or the soft KL "
              + "term); the class head's loss against the targets gets 1 - alpha (DeiT: 0.5)",
          closed(0.0, 1.0), "distillation-alpha");
  public static final ConfigKey<String> DISTILL_TEACHER_INPUT =
      key("distill.teacher-input", STRING, "pixels",
          "what a SavedModel teacher is fed: the student's augmented images de-normalised to raw pixels in "
              + "[0, 255] (pixels: what `expertize export` models take), to [0, 1] (unit), or as the student "
              + "sees them (normalized); a run-directory teacher gets its own normalisation",
          oneOf("pixels", "unit", "normalized"), "teacher-input");

  // --- export ---
  public static final ConfigKey<Optional<Integer>> EXPORT_MAX_LENGTH =
      orUnset("export.max-length", INT, "targets", 0,
          "text models: tokens the exported model's greedy decoding writes at most; targets = the training targets' "
              + "length (export --max-length wins)", closed(1, 8192), "max-decode-length");

  /** Every key, in registry order. */
  public static final List<ConfigKey<?>> ALL = List.copyOf(REGISTRY);

  private static final Map<String, ConfigKey<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  private Keys() {}

  /** The key called {@code name}, if any. Aliases are not names. */
  public static Optional<ConfigKey<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The key that overrides {@code attribute} (its default leaves the annotation's value in force). */
  public static ConfigKey<?> fusion(FusionAttribute<?> attribute) {
    return FUSION_KEYS.get(attribute);
  }

  /**
   * A numeric {@code @FusionScheme} attribute's key: {@value #FROM_MODEL} or a value in the attribute's range
   * ({@code legacy}: how earlier run directories spelled {@value #FROM_MODEL}).
   */
  private static <T extends Number> ConfigKey<Optional<T>> number(FusionAttribute<T> attribute, ValueType<T> type,
      T legacy, String... aliases) {
    FusionAttribute.Range range = attribute.range().orElseThrow();
    Constraint<T> valid = new Constraint<>(v -> range.contains(v.doubleValue()), range.toString());
    ConfigKey<Optional<T>> key = orUnset(attribute.configKey(), type, FROM_MODEL, legacy,
        doc(attribute, FROM_MODEL), valid, aliases);
    FUSION_KEYS.put(attribute, key);
    return key;
  }

  /** A {@code model.*} override: {@value #FROM_MODEL} (the named model's own value, the default) or a valid value. */
  private static <T> ConfigKey<Optional<T>> ownOr(
      String name, ValueType<T> type, T legacy, String doc, Constraint<T> valid, String... aliases) {
    return orUnset(name, type, FROM_MODEL, legacy, doc + "; " + FROM_MODEL + " = the model's own", valid, aliases);
  }

  /**
   * A key whose default is none, written {@code unset}; {@code legacy} is how run directories written
   * before the word spelled it ({@code 0} or {@code -1}, outside the valid values), still read as none.
   */
  private static <T> ConfigKey<Optional<T>> orUnset(String name, ValueType<T> type, String unset, T legacy,
      String doc, Constraint<T> valid, String... aliases) {
    return key(name, ValueType.orUnset(type, unset, legacy), Optional.empty(), doc, Constraint.orUnset(unset, valid),
        aliases);
  }

  /** A flag or enum {@code @FusionScheme} attribute's key: {@value #FROM_MODEL} or one of its choices. */
  private static ConfigKey<String> choice(FusionAttribute<?> attribute, String... aliases) {
    List<String> valid = new ArrayList<>(List.of(FROM_MODEL));
    valid.addAll(attribute.choices());
    ConfigKey<String> key = key(attribute.configKey(), STRING, FROM_MODEL, doc(attribute, FROM_MODEL),
        oneOf(valid.toArray(String[]::new)), aliases);
    FUSION_KEYS.put(attribute, key);
    return key;
  }

  /** {@code mb: the bank momentum δ; model = the model's @FusionScheme value (0.95)}. */
  private static String doc(FusionAttribute<?> attribute, String unset) {
    String readers = attribute.readers().stream().sorted().map(Scheme::key).collect(Collectors.joining(", "));
    String fallback = attribute == FusionAttribute.SCHEME ? "dense without one"
        : FusionAttribute.configName(attribute.defaultValue());
    return (readers.isEmpty() ? "" : readers + ": ") + attribute.summary() + "; " + unset
        + " = the model's @FusionScheme value (" + fallback + ")";
  }

  private static <T> ConfigKey<T> key(
      String name, ValueType<T> type, T defaultValue, String doc, Constraint<T> constraint,
      String... aliases) {
    ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, doc, constraint, List.of(aliases));
    REGISTRY.add(key);
    return key;
  }
}

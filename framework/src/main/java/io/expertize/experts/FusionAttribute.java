package io.expertize.experts;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One attribute of {@link FusionScheme}, described once: its name, the {@code fusion.*} key that
 * overrides it, its type, default, valid range and the schemes that read it. The configuration keys,
 * the run-time and compile-time validation, their messages and the generated builders are all
 * derived from this table ({@link #all()}); {@code FusionAttributeTest} proves it agrees with the
 * annotation's methods and defaults (which Java requires to be written there as constants). Pure:
 * the annotation processor loads it inside javac.
 *
 * @param <T> the attribute's (boxed) type
 */
public final class FusionAttribute<T> {
  public static final FusionAttribute<Scheme> SCHEME = new FusionAttribute<>("value", "fusion.scheme", Scheme.class,
      Scheme.MEMORY_BANK, null, EnumSet.noneOf(Scheme.class),
      "the expert scheme: dense, ExFusion static (sw), dynamic (dw) or memory bank (mb), EWA (ewa), top-k (topk)", "");
  public static final FusionAttribute<Double> MOMENTUM = new FusionAttribute<>("momentum", "fusion.momentum",
      Double.class, 0.95, Range.closedOpen(0, 1), EnumSet.of(Scheme.MEMORY_BANK), "the bank momentum δ", "");
  public static final FusionAttribute<Boolean> SHARED_ROUTER = new FusionAttribute<>("sharedRouter",
      "fusion.shared-router", Boolean.class, true, null, EnumSet.of(Scheme.MEMORY_BANK),
      "one router per FFN for its up and down sets (false: the down set gets its own)", "");
  public static final FusionAttribute<Boolean> BIAS_CORRECTED_BANK = new FusionAttribute<>("biasCorrectedBank",
      "fusion.bias-corrected-bank", Boolean.class, false, null, EnumSet.of(Scheme.MEMORY_BANK),
      "read the bank as M/(1-δ^t) (ours, opt-in; the papers use the raw bank)", "");
  public static final FusionAttribute<Boolean> NORMALIZED_WEIGHTS = new FusionAttribute<>("normalizedWeights",
      "fusion.normalized-weights", Boolean.class, false, null, EnumSet.of(Scheme.DYNAMIC),
      "softmax-normalise the learned weights (the papers leave them unconstrained)", "");
  /** Read by top-k too: Early EWA averages with a constant β. */
  public static final FusionAttribute<Double> SHARE_RATE = new FusionAttribute<>("shareRate", "fusion.share-rate",
      Double.class, 0.3, Range.closed(0, 1), EnumSet.of(Scheme.EWA, Scheme.TOP_K), "the share rate β",
      "EWA tunes it in 0.1..0.5");
  public static final FusionAttribute<ShareSchedule> SHARE_SCHEDULE = new FusionAttribute<>("shareSchedule",
      "fusion.share-schedule", ShareSchedule.class, ShareSchedule.LINEAR, null, EnumSet.of(Scheme.EWA),
      "how β moves over training: linear (0 to the share rate) or constant (Early EWA is always constant)", "");
  public static final FusionAttribute<Integer> K = new FusionAttribute<>("k", "fusion.top-k", Integer.class, 1,
      Range.atLeast(1), EnumSet.of(Scheme.TOP_K), "the experts per token k", "");
  public static final FusionAttribute<Double> CAPACITY_FACTOR = new FusionAttribute<>("capacityFactor",
      "fusion.capacity-factor", Double.class, 1.05, Range.above(0), EnumSet.of(Scheme.TOP_K),
      "the expert capacity factor", "a multiple of an even share of the tokens");
  public static final FusionAttribute<Double> BALANCE_LOSS_WEIGHT = new FusionAttribute<>("balanceLossWeight",
      "fusion.balance-loss-weight", Double.class, 0.01, Range.atLeast(0), EnumSet.of(Scheme.TOP_K),
      "the weight λ of the Switch load-balancing loss", "");
  public static final FusionAttribute<Double> EARLY_EWA_FRACTION = new FusionAttribute<>("earlyEwaFraction",
      "fusion.early-ewa-fraction", Double.class, 0.0, Range.closed(0, 1), EnumSet.of(Scheme.TOP_K),
      "the Early EWA fraction of training",
      "the leading fraction during which the experts are averaged; 0 = off, published 0.5");

  private static final List<FusionAttribute<?>> ALL = List.of(SCHEME, MOMENTUM, SHARED_ROUTER, BIAS_CORRECTED_BANK,
      NORMALIZED_WEIGHTS, SHARE_RATE, SHARE_SCHEDULE, K, CAPACITY_FACTOR, BALANCE_LOSS_WEIGHT, EARLY_EWA_FRACTION);

  private final String name;
  private final String configKey;
  private final Class<T> type;
  private final T defaultValue;
  private final Range range;
  private final Set<Scheme> readers;
  private final String summary;
  private final String note;

  private FusionAttribute(String name, String configKey, Class<T> type, T defaultValue, Range range,
      Set<Scheme> readers, String summary, String note) {
    this.name = name;
    this.configKey = configKey;
    this.type = type;
    this.defaultValue = defaultValue;
    this.range = range;
    this.readers = Set.copyOf(readers);
    this.summary = summary;
    this.note = note;
  }

  /** Every attribute, in the annotation's order. */
  public static List<FusionAttribute<?>> all() {
    return ALL;
  }

  /** The attribute whose annotation method is called {@code name} ({@code momentum}, {@code value}, ...). */
  public static FusionAttribute<?> named(String name) {
    return ALL.stream().filter(a -> a.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "@FusionScheme has no attribute '" + name + "'; it has " + ALL.stream().map(a -> a.name)
            .collect(Collectors.joining(", "))));
  }

  /** The annotation method's name: {@code momentum}, {@code k}; {@code value} for the scheme. */
  public String name() {
    return name;
  }

  /** The configuration key that overrides it: {@code fusion.momentum}, {@code fusion.top-k}. */
  public String configKey() {
    return configKey;
  }

  /** The boxed type of its values. */
  public Class<T> type() {
    return type;
  }

  /** The value an unparameterised {@code @FusionScheme} has. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The valid values of a numeric attribute; empty for flags and enums, where every value is valid. */
  public Optional<Range> range() {
    return Optional.ofNullable(range);
  }

  /** The schemes that read it (none for the scheme itself, which every scheme reads). */
  public Set<Scheme> readers() {
    return readers;
  }

  /** What it is, for docs and messages: {@code the bank momentum δ}. */
  public String summary() {
    return summary;
  }

  /** The name of its constant in this class ({@code MOMENTUM}), which generated code refers to. */
  public String constantName() {
    return this == SCHEME ? "SCHEME" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** Whether {@code value} is valid. */
  public boolean accepts(T value) {
    return range == null || range.contains(((Number) value).doubleValue());
  }

  /** What a valid value is, for messages: {@code the bank momentum δ must be in [0, 1) (default 0.95)}. */
  public String rule() {
    return summary + (range == null ? "" : " must be " + range) + " (default " + configName(defaultValue)
        + (note.isEmpty() ? "" : "; " + note) + ")";
  }

  /**
   * {@code raw} as a value of this attribute: already one (as reflection reads it), or an enum
   * constant's name (as javac's annotation mirrors give it), a scheme's configuration name
   * ({@code mb}) or {@code true}/{@code false}.
   */
  public T valueOf(Object raw) {
    if (raw instanceof String s && type != String.class) {
      if (type == Boolean.class && (s.equals("true") || s.equals("false"))) {
        return type.cast(Boolean.valueOf(s));
      }
      if (type.isEnum()) {
        for (T constant : type.getEnumConstants()) {
          Enum<?> e = (Enum<?>) constant;
          if (e.name().equalsIgnoreCase(s) || (e instanceof Scheme scheme && scheme.key().equals(s))) {
            return constant;
          }
        }
      }
      throw new IllegalArgumentException("'" + s + "' is not a value of @FusionScheme's " + name);
    }
    return type.cast(raw);
  }

  /** The values an enum or flag takes, as configuration writes them ({@code mb}, {@code linear}, {@code true}). */
  public List<String> choices() {
    if (type == Boolean.class) {
      return List.of("true", "false");
    }
    if (!type.isEnum()) {
      return List.of();
    }
    return java.util.Arrays.stream(type.getEnumConstants()).map(FusionAttribute::configName).toList();
  }

  /** {@code value} as configuration writes it: {@code mb}, {@code linear}, {@code 0.95}, {@code 1}. */
  public static String configName(Object value) {
    if (value instanceof Scheme s) {
      return s.key();
    }
    return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : Range.show(value);
  }

  @Override
  public String toString() {
    return name;
  }

  /** An interval of valid numbers; an unbounded side is infinite. */
  public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
    static Range closed(double min, double max) {
      return new Range(min, true, max, true);
    }

    static Range closedOpen(double min, double max) {
      return new Range(min, true, max, false);
    }

    static Range atLeast(double min) {
      return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    static Range above(double min) {
      return new Range(min, false, Double.POSITIVE_INFINITY, false);
    }

    public boolean contains(double v) {
      return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
    }

    /** {@code in [0, 1)}, {@code >= 0}, {@code > 0}: as the configuration's constraints read. */
    @Override
    public String toString() {
      if (Double.isInfinite(max)) {
        return (minInclusive ? ">= " : "> ") + show(min);
      }
      return "in " + (minInclusive ? "[" : "(") + show(min) + ", " + show(max) + (maxInclusive ? "]" : ")");
    }

    /** Whole doubles without ".0", so ranges read like maths. */
    static String show(Object value) {
      if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(value);
    }
  }
}

package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.FeedForwardNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of building an {@link ExpertPlan} that does not depend on how the annotations were read:
 * a builder reports each {@code @Expertize} field of each module in walk order ({@link #read}), and
 * this applies the configuration's overrides, checks every value, resolves placements and creates
 * the sets. {@link ReflectiveExpertBuilder} and the generated builders share it, so they cannot
 * disagree on a rule or a message.
 */
public final class PlanAssembly {
  private final ModuleTree tree;
  private final FusionOverrides overrides;
  private final boolean annotated;
  private final String annotatedBy;
  private final FusionSettings settings;
  private final Map<Module, Integer> order = new IdentityHashMap<>();
  private final List<String> misplaced = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<ExpertizeField, List<Occurrence>> fields = new LinkedHashMap<>();
  private final Set<FeedForwardNetwork> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private PlanAssembly(ModuleTree tree, FusionOverrides overrides, FusionSettings scheme, String declaredBy) {
    this.tree = tree;
    this.overrides = overrides;
    this.annotated = scheme != null;
    this.annotatedBy = annotated ? declaredBy : tree.root().getClass().getName();
    this.settings = overrides.applyTo(annotated ? scheme : FusionSettings.defaults(Scheme.DENSE));
    tree.modules().values().forEach(m -> order.put(m, order.size()));
  }

  /**
   * @param scheme the model's {@code @FusionScheme} values, or null when it has none (dense)
   * @param declaredBy the class that declares that {@code @FusionScheme} (a superclass when inherited), for messages
   */
  public static PlanAssembly of(ModuleTree tree, FusionOverrides overrides, FusionSettings scheme, String declaredBy) {
    return new PlanAssembly(tree, overrides, scheme, declaredBy);
  }

  /** An {@code @Expertize} that cannot be built at all (not on a feed-forward field); reported once. */
  public void misplaced(String problem) {
    if (!misplaced.contains(problem)) {
      misplaced.add(problem);
    }
  }

  /** {@code owner}'s {@code field} holds {@code ffn} (null: skipped with a warning). */
  public void read(Module owner, ExpertizeField field, FeedForwardNetwork ffn) {
    read(owner, field, ffn == null ? null : List.of(ffn));
  }

  /** {@code owner}'s {@code field} holds the list {@code ffns} (null: skipped with a warning). */
  public void read(Module owner, ExpertizeField field, List<? extends FeedForwardNetwork> ffns) {
    List<Occurrence> occ = fields.computeIfAbsent(field, k -> new ArrayList<>());
    if (ffns == null) {
      String path = tree.pathOf(owner);
      warnings.add(field.name() + " is null in " + (path.isEmpty() ? "the model" : "'" + path + "'")
          + ": there is no feed-forward layer to expertize, it is skipped");
      return;
    }
    for (FeedForwardNetwork ffn : ffns) {
      if (seen.add(ffn)) { // a shared FFN becomes one set, where the walk first meets it
        occ.add(new Occurrence(tree.pathOf(ffn), ffn, order.get(ffn), 0));
      }
    }
  }

  /** @throws ExpertizeException with every problem found */
  public ExpertPlan build() {
    FusionSettings.Source source = (attribute, value) -> overrides.isSet(attribute)
        ? attribute.configKey() + " = " + value
        : "@FusionScheme(" + attribute.name() + " = " + value + ") on " + annotatedBy;
    List<String> problems = new ArrayList<>(settings.problems(source));
    problems.addAll(misplaced);
    String modelClass = tree.root().getClass().getName();
    boolean dense = settings.scheme() == Scheme.DENSE;
    Map<ExpertizeField, List<Occurrence>> byFirst = inModelOrder();

    String schemeSource = overrides.scheme().isPresent()
        ? "fusion.scheme = " + settings.scheme().key()
        : "@FusionScheme(" + settings.scheme() + ") on " + annotatedBy;
    if (!dense && byFirst.isEmpty() && misplaced.isEmpty()) {
      problems.add(schemeSource + ", but " + modelClass + " has no @Expertize field: annotate its "
          + "feed-forward fields (FeedForwardNetwork) with @Expertize, or train it dense with fusion.scheme=dense");
    } else if (!dense && !byFirst.isEmpty() && byFirst.values().stream().allMatch(List::isEmpty)) {
      problems.add(schemeSource + ", but every @Expertize field of " + modelClass + " is null ("
          + String.join(", ", byFirst.keySet().stream().map(ExpertizeField::name).toList())
          + "): there is no feed-forward layer to train as experts; build them, or train dense with fusion.scheme=dense");
    }
    if (dense && !annotated && overrides.scheme().isEmpty() && !byFirst.isEmpty()) {
      warnings.add(modelClass + " has @Expertize fields but no @FusionScheme: it trains dense. "
          + "Annotate the class with @FusionScheme or set fusion.scheme (sw, dw, mb, ewa or topk).");
    }

    List<Occurrence> chosenOccurrences = new ArrayList<>();
    List<ExpertPlan.ExpertField> described = new ArrayList<>();
    for (Map.Entry<ExpertizeField, List<Occurrence>> e : byFirst.entrySet()) {
      ExpertizeField field = e.getKey();
      String name = field.name();
      int experts = overrides.experts().orElse(field.experts());
      String expertsSource = overrides.experts().isPresent()
          ? "fusion.experts = " + experts
          : "@Expertize(experts = " + experts + ")";
      String placementSpec = overrides.placement().orElse(field.placement());
      boolean valid = true;
      if (experts < 1) {
        problems.add(ExpertizeRules.tooFewExperts(
            overrides.experts().isPresent() ? expertsSource + " (applied to " + name + ")" : expertsSource + " on " + name));
        valid = false;
      } else if (settings.scheme() == Scheme.TOP_K && ExpertizeRules.kExceeds(settings.k(), experts)) {
        problems.add(ExpertizeRules.kExceedsExperts(source.describe(FusionAttribute.K, settings.k()), experts, name, expertsSource));
        valid = false;
      }
      List<Occurrence> occ = e.getValue();
      Placement placement = null;
      boolean[] chosen = null;
      try {
        placement = Placement.parse(placementSpec);
        chosen = placement.select(occ.size());
      } catch (IllegalArgumentException bad) {
        String where = overrides.placement().isPresent()
            ? "fusion.placement = \"" + placementSpec + "\" (applied to " + name + ")"
            : "@Expertize(placement = \"" + placementSpec + "\") on " + name;
        problems.add(where + ": " + bad.getMessage());
        valid = false;
      }
      if (!valid || dense) {
        continue;
      }
      List<String> layers = new ArrayList<>();
      for (int i = 0; i < occ.size(); i++) {
        if (chosen[i] && experts > 1) {
          chosenOccurrences.add(occ.get(i).withExperts(experts));
          layers.add(occ.get(i).path());
        }
      }
      if (experts > 1 && !occ.isEmpty() && layers.isEmpty()) {
        warnings.add(name + ": placement '" + placement.spec() + "' chooses none of its " + occ.size()
            + " occurrences, so it trains dense");
      }
      described.add(new ExpertPlan.ExpertField(name, experts, placement.spec(), layers));
    }
    if (!problems.isEmpty()) {
      throw new ExpertizeException(problems);
    }
    if (dense) {
      return new ExpertPlan(settings, List.of(), List.of(), warnings);
    }
    List<ExpertSet> sets = new ArrayList<>();
    chosenOccurrences.stream()
        .sorted(Comparator.comparingInt(Occurrence::order))
        .forEach(o -> sets.add(create(o.path(), o.ffn(), o.experts())));
    return new ExpertPlan(settings, sets, described, warnings);
  }

  /** The fields with their occurrences in model order, ordered by their first occurrence (fields without any last). */
  private Map<ExpertizeField, List<Occurrence>> inModelOrder() {
    fields.values().forEach(occ -> occ.sort(Comparator.comparingInt(Occurrence::order)));
    List<Map.Entry<ExpertizeField, List<Occurrence>>> byFirst = new ArrayList<>(fields.entrySet());
    byFirst.sort(Comparator.comparingInt(e -> e.getValue().isEmpty() ? Integer.MAX_VALUE : e.getValue().get(0).order()));
    Map<ExpertizeField, List<Occurrence>> sorted = new LinkedHashMap<>();
    byFirst.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private ExpertSet create(String path, FeedForwardNetwork ffn, int experts) {
    return switch (settings.scheme()) {
      case STATIC -> new StaticFusion(path, ffn, experts, settings);
      case DYNAMIC -> new DynamicFusion(path, ffn, experts, settings);
      case MEMORY_BANK -> new MemoryBankFusion(path, ffn, experts, settings);
      case EWA -> new EwaExperts(path, ffn, experts, settings);
      case TOP_K -> new TopKExperts(path, ffn, experts, settings);
      case DENSE -> throw new IllegalArgumentException("dense has no expert sets");
    };
  }

  /** One FFN reached through an {@code @Expertize} field: its path, its rank in model order, its experts. */
  private record Occurrence(String path, FeedForwardNetwork ffn, int order, int experts) {
    Occurrence withExperts(int n) {
      return new Occurrence(path, ffn, order, n);
    }
  }
}

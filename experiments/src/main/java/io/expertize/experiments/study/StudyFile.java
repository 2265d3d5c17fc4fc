package io.expertize.experiments.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.expertize.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A study as its YAML file states it: a base configuration, arms (one the baseline), optional grid axes
 * crossed with the arms, and seeds. Unknown fields are refused, naming the file and the field.
 *
 * @param base the configuration every cell starts from
 * @param baseline the arm the others are compared with (default: the first)
 * @param axes config key to the values it takes, crossed with every arm (may be empty)
 */
public record StudyFile(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty("description") String description,
    @JsonProperty(value = "base", required = true) Base base,
    @JsonProperty("baseline") String baseline,
    @JsonProperty(value = "arms", required = true) List<Arm> arms,
    @JsonProperty("axes") LinkedHashMap<String, List<Object>> axes,
    @JsonProperty(value = "seeds", required = true) List<Long> seeds) {

  /** A config file (relative to the repository root or the study file) and {@code --set}-style overrides. */
  public record Base(@JsonProperty("config") String config, @JsonProperty("set") LinkedHashMap<String, Object> set) {
    public Base {
      set = set == null ? new LinkedHashMap<>() : set;
    }
  }

  /** One arm: its name, its {@code fusion.scheme} (absent: the base's) and its own overrides. */
  public record Arm(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty("scheme") String scheme,
      @JsonProperty("set") LinkedHashMap<String, Object> set) {
    public Arm {
      set = set == null ? new LinkedHashMap<>() : set;
    }
  }

  /** Names that become directory names: letters, digits, '.', '_' and '-'. */
  static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public StudyFile {
    description = description == null ? "" : description;
    axes = axes == null ? new LinkedHashMap<>() : axes;
  }

  /** The baseline arm's name. */
  public String baselineArm() {
    return baseline != null ? baseline : arms.get(0).name();
  }

  /** Reads and checks a study file; every problem is a {@link ConfigException} naming the file. */
  public static StudyFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("study file " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    Object tree;
    try {
      tree = new Yaml().load(text);
    } catch (YAMLException e) {
      throw new ConfigException("study file " + file + ": not valid YAML: " + e.getMessage());
    }
    if (!(tree instanceof Map)) {
      throw new ConfigException("study file " + file + ": expected a mapping with name, base, arms and seeds");
    }
    StudyFile study;
    try {
      study = MAPPER.convertValue(tree, StudyFile.class);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("study file " + file + ": " + describe(e.getCause() != null ? e.getCause() : e));
    }
    List<String> problems = study.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(p -> "study file " + file + ": " + p).toList());
    }
    return study;
  }

  private static String describe(Throwable e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'" + where(u) + "; valid fields: "
          + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
    if (e instanceof JsonMappingException m) {
      String message = m.getOriginalMessage();
      int detail = message.indexOf(" (for ");
      return (detail > 0 ? message.substring(0, detail) : message) + where(m);
    }
    return e.getMessage();
  }

  /** {@code " in arms[2]"}: where in the file a field lies. */
  private static String where(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    List<JsonMappingException.Reference> refs = e.getPath();
    for (JsonMappingException.Reference r : refs.subList(0, Math.max(0, refs.size() - 1))) {
      path.append(r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : (path.isEmpty() ? "" : ".") + r.getFieldName());
    }
    return path.isEmpty() ? "" : " in " + path;
  }

  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!SAFE_NAME.matcher(name).matches()) {
      problems.add("name '" + name + "' may hold only letters, digits, '.', '_' and '-'");
    }
    if (base.config() == null && base.set().isEmpty()) {
      problems.add("base needs a config file or set overrides");
    }
    if (arms.isEmpty()) {
      problems.add("arms: at least one arm is needed");
    }
    Set<String> names = new HashSet<>();
    for (Arm arm : arms) {
      if (!SAFE_NAME.matcher(arm.name()).matches()) {
        problems.add("arm name '" + arm.name() + "' may hold only letters, digits, '.', '_' and '-'");
      }
      if (!names.add(arm.name())) {
        problems.add("arm '" + arm.name() + "' is named twice");
      }
    }
    if (baseline != null && !names.contains(baseline)) {
      problems.add("baseline '" + baseline + "' is not an arm; arms: " + String.join(", ", names));
    }
    axes.forEach((key, values) -> {
      if (values == null || values.isEmpty()) {
        problems.add("axes." + key + ": give at least one value");
      } else if (values.stream().map(String::valueOf).distinct().count() < values.size()) {
        problems.add("axes." + key + ": a value is listed twice");
      }
    });
    if (seeds.isEmpty()) {
      problems.add("seeds: at least one seed is needed");
    } else if (new HashSet<>(seeds).size() < seeds.size()) {
      problems.add("seeds: a seed is listed twice");
    }
    return problems;
  }
}

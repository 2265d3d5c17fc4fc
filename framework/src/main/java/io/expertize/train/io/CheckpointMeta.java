package io.expertize.train.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a checkpoint's {@code meta.json}, written last so its presence marks the
 * checkpoint complete.
 *
 * @param step global step the variables were saved at
 * @param epoch epoch the step belongs to
 * @param wallTime seconds since the epoch when it was saved
 * @param manifest size and SHA-256 of each variables file, to detect damage before TF reads it
 * @param extra caller's Java-side state (e.g. data loader position), {@code null} node if none
 */
public record CheckpointMeta(
    long step, long epoch, double wallTime, CheckpointManifest manifest, JsonNode extra) {

  public CheckpointMeta {
    extra = extra == null ? NullNode.getInstance() : extra;
  }

  /** Size in bytes of each variables file. */
  public Map<String, Long> files() {
    return manifest.sizes();
  }

  /** Reads the caller's extra state as {@code type}. */
  public <T> T extra(Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(extra, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("checkpoint extra state is not a " + type.getName(), e);
    }
  }

  ObjectNode toJson() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("step", step).put("epoch", epoch).put("wall_time", wallTime);
    ObjectNode sizes = node.putObject("files");
    new TreeMap<>(manifest.sizes()).forEach(sizes::put);
    ObjectNode digests = node.putObject("sha256");
    new TreeMap<>(manifest.sha256()).forEach(digests::put);
    node.set("extra", extra);
    return node;
  }

  /** Parses and checks meta.json; the exception's message says which field is wrong. */
  static CheckpointMeta fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    Map<String, Long> files = new TreeMap<>();
    JsonNode sizes = node.path("files");
    if (!sizes.isObject()) {
      throw new IllegalArgumentException("has no 'files' object listing the variables files");
    }
    sizes.fields().forEachRemaining(e -> files.put(e.getKey(), integral(sizes, e.getKey())));
    Map<String, String> digests = new TreeMap<>(); // absent in checkpoints written before digests
    JsonNode sha256 = node.path("sha256");
    if (!sha256.isMissingNode() && !sha256.isObject()) {
      throw new IllegalArgumentException("field 'sha256' is not an object of file digests");
    }
    sha256.fields().forEachRemaining(e -> digests.put(e.getKey(), e.getValue().asText()));
    return new CheckpointMeta(
        integral(node, "step"),
        integral(node, "epoch"),
        number(node, "wall_time"),
        new CheckpointManifest(files, digests),
        node.get("extra"));
  }

  private static long integral(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToExactIntegral()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not an integer");
    }
    return v.asLong();
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
    }
    return v.asDouble();
  }
}

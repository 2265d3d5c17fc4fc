package io.expertize.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks a cluster description in the TF_CONFIG format
 * {@code {"cluster": {"chief": [...], "worker": [...], "ps": [...]}, "task": {"type": "worker", "index": 1}}}
 * from a file ({@code --cluster FILE}, its {@code task} optional when {@code --task} is given) or the
 * {@code TF_CONFIG} environment variable. Every error names the source, the key and what is valid.
 *
 * <p>TensorFlow's gRPC runtime has no authentication, so every address must be a loopback or private
 * (RFC 1918, link-local, unique-local) address unless public addresses are explicitly allowed.
 */
public final class ClusterSpecReader {
  public static final String ENV = "TF_CONFIG";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean allowPublicAddresses;

  public ClusterSpecReader(boolean allowPublicAddresses) {
    this.allowPublicAddresses = allowPublicAddresses;
  }

  /** From {@code --cluster FILE} (and {@code --task}), else TF_CONFIG; empty when neither is given. */
  public Optional<ClusterSpec> read(Optional<Path> file, Optional<TaskId> task, Map<String, String> env) {
    if (file.isPresent()) {
      return Optional.of(readFile(file.get(), task));
    }
    String tfConfig = env.get(ENV);
    if (tfConfig != null && !tfConfig.isBlank()) {
      return Optional.of(parse(tfConfig, "the " + ENV + " environment variable", task));
    }
    if (task.isPresent()) {
      throw new ClusterException("--task " + task.get() + " needs a cluster: give --cluster FILE or set " + ENV);
    }
    return Optional.empty();
  }

  public ClusterSpec readFile(Path file, Optional<TaskId> task) {
    try {
      return parse(Files.readString(file), "cluster file " + file, task);
    } catch (NoSuchFileException e) {
      throw new ClusterException("cluster file " + file + " does not exist");
    } catch (IOException e) {
      throw new ClusterException("cannot read cluster file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks {@code json}; {@code task} (from --task) wins over the description's own. */
  public ClusterSpec parse(String json, String source, Optional<TaskId> task) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ClusterException(source + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ClusterException(source + ": expected a JSON object {\"cluster\": {...}, \"task\": {...}}");
    }
    JsonNode cluster = root.get("cluster");
    if (cluster == null || !cluster.isObject()) {
      throw new ClusterException(source + ": 'cluster' is missing or not an object; expected e.g. "
          + "{\"cluster\": {\"chief\": [\"127.0.0.1:2222\"], \"worker\": [...], \"ps\": [...]}}");
    }
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = cluster.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!ClusterSpec.JOBS.contains(e.getKey())) {
        throw new ClusterException(source + ": cluster." + e.getKey() + " is not a job Expertize runs; the jobs are "
            + String.join(", ", ClusterSpec.JOBS));
      }
      if (!e.getValue().isArray()) {
        throw new ClusterException(source + ": cluster." + e.getKey() + " must be a list of \"host:port\" addresses");
      }
      List<String> addresses = new ArrayList<>();
      for (JsonNode a : e.getValue()) {
        if (!a.isTextual()) {
          throw new ClusterException(source + ": cluster." + e.getKey() + " holds " + a + "; each entry is a \"host:port\" string");
        }
        addresses.add(a.asText());
      }
      jobs.put(e.getKey(), addresses);
    }
    requireCount(source, jobs, ClusterSpec.CHIEF, 1, 1);
    requireCount(source, jobs, ClusterSpec.WORKER, 1, Integer.MAX_VALUE);
    requireCount(source, jobs, ClusterSpec.PS, 1, Integer.MAX_VALUE);

    TaskId self = task.orElseGet(() -> taskOf(root.get("task"), source));
    List<String> tasks = jobs.get(self.job());
    if (tasks == null) {
      throw new ClusterException(source + ": task " + self + " names job '" + self.job() + "', not one of "
          + String.join(", ", ClusterSpec.JOBS));
    }
    if (self.index() < 0 || self.index() >= tasks.size()) {
      throw new ClusterException(source + ": task " + self + " is out of range: job " + self.job() + " has "
          + tasks.size() + " task(s), indices 0.." + (tasks.size() - 1));
    }
    ClusterSpec spec = new ClusterSpec(jobs, self);
    Map<String, TaskId> seen = new HashMap<>();
    for (TaskId t : spec.allTasks()) {
      String address = spec.address(t);
      checkAddress(source, t, address);
      TaskId earlier = seen.putIfAbsent(address, t);
      if (earlier != null) {
        boolean self1 = earlier.equals(self) || t.equals(self);
        throw new ClusterException(source + ": address " + address + " is given to both " + earlier + " and " + t
            + (self1 ? " (this task, " + self + ", is named twice)" : "") + "; every task needs its own host:port");
      }
    }
    return spec;
  }

  private static void requireCount(String source, Map<String, List<String>> jobs, String job, int min, int max) {
    int n = jobs.getOrDefault(job, List.of()).size();
    if (n < min || n > max) {
      throw new ClusterException(source + ": cluster." + job + " has " + n + " task(s); expected "
          + (min == max ? "exactly " + min : "at least " + min)
          + (job.equals(ClusterSpec.CHIEF) ? " (the chief runs the session and writes the run directory)" : ""));
    }
  }

  private static TaskId taskOf(JsonNode task, String source) {
    if (task == null || !task.isObject() || !task.path("type").isTextual() || !task.path("index").canConvertToInt()) {
      throw new ClusterException(source + ": no task given: add \"task\": {\"type\": \"worker\", \"index\": 0} or --task JOB:INDEX");
    }
    return new TaskId(task.get("type").asText(), task.get("index").asInt());
  }

  private void checkAddress(String source, TaskId task, String address) {
    int colon = address.lastIndexOf(':');
    String host = colon > 0 ? address.substring(0, colon) : "";
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new ClusterException(source + ": task " + task + " has address '" + address + "'; expected host:port with a port 1..65535");
    }
    if (allowPublicAddresses) {
      return;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      return; // not resolvable yet (a pod still starting): TensorFlow names the task when it cannot reach it
    }
    for (InetAddress a : resolved) {
      if (!isPrivate(a)) {
        throw new ClusterException(source + ": task " + task + " has address " + address + " (" + a.getHostAddress()
            + "), a public address. TensorFlow's gRPC runtime has no authentication: anyone who reaches the port can "
            + "run code in the task. Use loopback or private-network addresses, or pass --allow-public-address if this "
            + "network is private anyway.");
      }
    }
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 100 && second >= 64 && second < 128; // carrier-grade NAT, 100.64.0.0/10
    }
    return (b[0] & 0xfe) == 0xfc; // IPv6 unique-local fc00::/7
  }
}

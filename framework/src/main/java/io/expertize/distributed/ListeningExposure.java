package io.expertize.distributed;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where a task's port is reachable from. TensorFlow's gRPC server listens on the wildcard address
 * ({@code *:PORT}: every IPv4 and IPv6 interface) whatever host the cluster names, and its
 * {@code ServerDef} has no bind address; so on a host with a public interface address the port is open
 * there too, without authentication. This finds those addresses for a warning (docs/distributed.md); the
 * warning does not stop the task, since the network around the host may well be private.
 */
final class ListeningExposure {
  private ListeningExposure() {}

  /** The up interfaces' addresses that are not loopback or private ({@link ClusterSpecReader#isPrivate}). */
  static List<InetAddress> publicInterfaceAddresses() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(ListeningExposure::isUp)
          .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
          .filter(a -> !ClusterSpecReader.isPrivate(a))
          .toList();
    } catch (SocketException e) {
      return List.of(); // no interface list: nothing to warn about with certainty
    }
  }

  /** The warning for {@code task} listening on {@code port}, when this host has a public address. */
  static Optional<String> warning(TaskId task, String address, List<InetAddress> publicAddresses) {
    if (publicAddresses.isEmpty()) {
      return Optional.empty();
    }
    String port = address.substring(address.lastIndexOf(':') + 1);
    return Optional.of("expertize: warning: task " + task + " listens on port " + port + " of every interface, also on "
        + String.join(", ", publicAddresses.stream().map(InetAddress::getHostAddress).toList())
        + ", neither loopback nor private: TensorFlow's server binds the wildcard address whatever the cluster names, "
        + "and has no authentication. Block the port there with a firewall (docs/distributed.md, Security).");
  }

  private static boolean isUp(NetworkInterface i) {
    try {
      return i.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}

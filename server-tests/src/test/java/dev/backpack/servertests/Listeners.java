package dev.backpack.servertests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} (the sockets among the
 * process's file descriptors, matched with the LISTEN rows of {@code /proc/net/tcp} and {@code
 * tcp6}). Used to check that a server started by a test is reachable from this machine only.
 */
final class Listeners {

  private Listeners() {}

  /** One listening socket. */
  record Listener(InetAddress address, int port) {

    boolean loopback() {
      return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port;
    }
  }

  static List<Listener> of(long pid) {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while listing
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the descriptors of process " + pid, e);
    }
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows;
      try {
        rows = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue;
      }
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }

  /** /proc's hex address: 32-bit words in host (little-endian) order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      // an IPv4-mapped IPv6 address comes back as the IPv4 address
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(hex, e);
    }
  }
}

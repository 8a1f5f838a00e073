package io.etcdj.http;

/** Go's net.SplitHostPort, as far as whether it accepts an address. */
final class GoHostPort {
  private GoHostPort() {}

  static boolean splits(String hostport) {
    int last = hostport.lastIndexOf(':');
    if (last < 0) {
      return false; // missing port in address
    }
    int j = 0;
    int k = 0;
    if (hostport.startsWith("[")) {
      int end = hostport.indexOf(']');
      if (end < 0 || end + 1 != last) {
        return false; // missing ']', missing port, or too many colons
      }
      j = 1;
      k = end + 1;
    } else if (hostport.substring(0, last).indexOf(':') >= 0) {
      return false; // too many colons in address
    }
    return hostport.indexOf('[', j) < 0 && hostport.indexOf(']', k) < 0;
  }
}

package io.etcdj.client;

import java.util.List;

/**
 * No endpoint could be reached (connection refused, reset, timed out). Carries the error of each
 * endpoint tried, in the order tried, as etcd's Go client's ClusterError does.
 */
public final class ClusterUnavailableException extends RuntimeException {
  private final List<String> endpointErrors;

  public ClusterUnavailableException(List<String> endpointErrors, Throwable last) {
    super("client: etcd cluster is unavailable or misconfigured; " + describe(endpointErrors), last);
    this.endpointErrors = List.copyOf(endpointErrors);
  }

  public List<String> endpointErrors() { return endpointErrors; }

  /** One line per endpoint, {@code error #i: ...}, as etcdctl prints the detail. */
  public String detail() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < endpointErrors.size(); i++) {
      sb.append("error #").append(i).append(": ").append(endpointErrors.get(i)).append('\n');
    }
    return sb.toString();
  }

  private static String describe(List<String> errors) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < errors.size(); i++) {
      if (i > 0) sb.append("; ");
      sb.append("error #").append(i).append(": ").append(errors.get(i));
    }
    return sb.toString();
  }
}

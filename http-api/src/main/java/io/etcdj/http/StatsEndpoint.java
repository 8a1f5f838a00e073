package io.etcdj.http;

import io.etcdj.raft.StateRole;
import io.etcdj.server.ClusterIdentity;
import io.etcdj.server.FollowerStatus;
import io.etcdj.server.SelfStats;
import io.etcdj.server.ServerV2;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Comparator;
import java.util.List;

/**
 * /v2/stats/self, /v2/stats/store and /v2/stats/leader, shaped as etcd 3.4's: json.Marshal of
 * its stats structs, so fields in struct order, no trailing newline, and Go's float notation.
 */
final class StatsEndpoint {
  private final ServerV2 server;

  StatsEndpoint(ServerV2 server) { this.server = server; }

  /**
   * The {@code *Rate} fields are omitempty: absent when zero. When only one append is in a rate's
   * window, etcd divides by a zero duration, json.Marshal fails on the infinity and etcd answers
   * 200 with an empty body; so does this.
   */
  FullHttpResponse self(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, selfJson(server.selfStats()));
  }

  /** etcd's ServerStats.JSON(): empty when a rate is infinite (json.Marshal fails, etcd writes nothing). */
  static String selfJson(SelfStats s) {
    if (!finite(s.recvPkgRate(), s.recvBandwidthRate(), s.sendPkgRate(), s.sendBandwidthRate())) {
      return "";
    }
    StringBuilder b = new StringBuilder("{\"name\":");
    GoJson.appendQuoted(b, s.name());
    b.append(",\"id\":\"").append(ClusterIdentity.hex(s.id())).append('"')
        .append(",\"state\":\"").append(s.state() == StateRole.LEADER ? "StateLeader" : "StateFollower").append('"')
        .append(",\"startTime\":\"").append(GoFormats.rfc3339Nano(s.startTime())).append('"')
        .append(",\"leaderInfo\":{\"leader\":\"").append(s.leaderId() == 0 ? "" : ClusterIdentity.hex(s.leaderId()))
        .append("\",\"uptime\":\"").append(GoFormats.duration(s.leaderUptimeNanos()))
        .append("\",\"startTime\":\"").append(GoFormats.rfc3339Nano(s.leaderSince())).append("\"}")
        .append(",\"recvAppendRequestCnt\":").append(s.recvAppendRequestCnt());
    omitEmpty(b, "recvPkgRate", s.recvPkgRate());
    omitEmpty(b, "recvBandwidthRate", s.recvBandwidthRate());
    b.append(",\"sendAppendRequestCnt\":").append(s.sendAppendRequestCnt());
    omitEmpty(b, "sendPkgRate", s.sendPkgRate());
    omitEmpty(b, "sendBandwidthRate", s.sendBandwidthRate());
    return b.append('}').toString();
  }

  FullHttpResponse store(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, server.store().stats().toJson());
  }

  /**
   * etcd's LeaderStats: only on the member that currently leads; followers keyed by id in Go's
   * map order (sorted as strings), each with its latency in milliseconds and its counts.
   */
  FullHttpResponse leader(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    if (server.status().role() != StateRole.LEADER) {
      return HttpResponses.jsonError(HttpResponseStatus.FORBIDDEN, "not current leader");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON,
        leaderJson(server.memberId(), server.followers()));
  }

  /** etcd's LeaderStats.JSON(). */
  static String leaderJson(long leaderId, List<FollowerStatus> all) {
    List<FollowerStatus> followers = all.stream()
        .sorted(Comparator.comparing((FollowerStatus f) -> ClusterIdentity.hex(f.id()))).toList();
    StringBuilder b = new StringBuilder("{\"leader\":\"").append(ClusterIdentity.hex(leaderId))
        .append("\",\"followers\":{");
    for (int i = 0; i < followers.size(); i++) {
      FollowerStatus f = followers.get(i);
      b.append(i == 0 ? "" : ",").append('"').append(ClusterIdentity.hex(f.id())).append("\":{\"latency\":{")
          .append("\"current\":").append(GoFloat.format(f.latencyCurrentMs()))
          .append(",\"average\":").append(GoFloat.format(f.latencyAverageMs()))
          .append(",\"standardDeviation\":").append(GoFloat.format(f.latencyStdDevMs()))
          .append(",\"minimum\":").append(GoFloat.format(f.latencyMinMs()))
          .append(",\"maximum\":").append(GoFloat.format(f.latencyMaxMs()))
          .append("},\"counts\":{\"fail\":").append(f.failCount()).append(",\"success\":").append(f.successCount())
          .append("}}");
    }
    return b.append("}}").toString();
  }

  private static void omitEmpty(StringBuilder b, String name, double value) {
    if (value != 0) {
      b.append(",\"").append(name).append("\":").append(GoFloat.format(value));
    }
  }

  private static boolean finite(double... values) {
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return false;
      }
    }
    return true;
  }
}

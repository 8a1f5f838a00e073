package io.etcdj.http;

import io.etcdj.raft.StateRole;
import io.etcdj.server.ClusterIdentity;
import io.etcdj.server.MemberStatus;
import io.etcdj.server.ServerV2;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.time.Instant;

/** /v2/stats/self, /v2/stats/store and /v2/stats/leader, shaped as etcd 3.4's. */
final class StatsEndpoint {
  private final ServerV2 server;

  StatsEndpoint(ServerV2 server) { this.server = server; }

  FullHttpResponse self(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    MemberStatus status = server.status();
    Instant now = Instant.ofEpochMilli(server.nowMs());
    long uptimeNanos = status.leaderId() == 0 ? 0 : Duration.between(status.leaderSince(), now).toNanos();
    String body = "{\"name\":" + GoJson.quote(status.name())
        + ",\"id\":\"" + ClusterIdentity.hex(status.id()) + "\""
        + ",\"state\":\"" + stateName(status.role()) + "\""
        + ",\"startTime\":\"" + GoFormats.rfc3339Nano(status.startTime()) + "\""
        + ",\"leaderInfo\":{\"leader\":\"" + (status.leaderId() == 0 ? "" : ClusterIdentity.hex(status.leaderId())) + "\""
        + ",\"uptime\":\"" + GoFormats.duration(uptimeNanos) + "\""
        + ",\"startTime\":\"" + GoFormats.rfc3339Nano(status.leaderSince()) + "\"}"
        + ",\"recvAppendRequestCnt\":" + status.appendsReceived()
        + ",\"sendAppendRequestCnt\":" + status.appendsSent() + "}";
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body);
  }

  FullHttpResponse store(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, server.store().stats().toJson());
  }

  FullHttpResponse leader(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    if (server.status().role() != StateRole.LEADER) {
      return HttpResponses.jsonError(HttpResponseStatus.FORBIDDEN, "not current leader");
    }
    String body = "{\"leader\":\"" + ClusterIdentity.hex(server.memberId()) + "\",\"followers\":{}}";
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body);
  }

  private static String stateName(StateRole role) {
    return switch (role) {
      case FOLLOWER -> "StateFollower";
      case PRE_CANDIDATE -> "StatePreCandidate";
      case CANDIDATE -> "StateCandidate";
      case LEADER -> "StateLeader";
    };
  }
}

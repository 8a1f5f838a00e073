package io.etcdj.http;

import io.etcdj.raft.StateRole;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;

/** /v2/stats/self, /v2/stats/store and /v2/stats/leader, shaped as etcd 3.4's (single member). */
final class StatsEndpoint {
  private final MemberState member;

  StatsEndpoint(MemberState member) { this.member = member; }

  FullHttpResponse self(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    RaftLoop loop = member.loop();
    String id = ClusterIdentity.hex(member.identity().memberId());
    long leaderSince = loop.leaderSinceMs();
    Instant leaderStart = leaderSince == 0 ? member.startTime() : Instant.ofEpochMilli(leaderSince);
    long uptimeNanos = leaderSince == 0 ? 0 : (System.currentTimeMillis() - leaderSince) * 1_000_000L;
    String body = "{\"name\":" + GoJson.quote(member.name())
        + ",\"id\":\"" + id + "\""
        + ",\"state\":\"" + stateName(loop.role()) + "\""
        + ",\"startTime\":\"" + GoFormats.rfc3339Nano(member.startTime()) + "\""
        + ",\"leaderInfo\":{\"leader\":\"" + (loop.leaderId() == 0 ? "" : ClusterIdentity.hex(loop.leaderId())) + "\""
        + ",\"uptime\":\"" + GoFormats.duration(uptimeNanos) + "\""
        + ",\"startTime\":\"" + GoFormats.rfc3339Nano(leaderStart) + "\"}"
        + ",\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":0}";
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON, body);
  }

  FullHttpResponse store(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    return HttpResponses.response(HttpResponseStatus.OK, HttpResponses.JSON,
        member.backend().store().stats().toJson());
  }

  FullHttpResponse leader(FullHttpRequest request) {
    if (!request.method().equals(HttpMethod.GET)) {
      return HttpResponses.methodNotAllowed("GET");
    }
    if (member.loop().role() != StateRole.LEADER) {
      return HttpResponses.jsonError(HttpResponseStatus.FORBIDDEN, "not current leader");
    }
    String body = "{\"leader\":\"" + ClusterIdentity.hex(member.identity().memberId()) + "\",\"followers\":{}}";
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

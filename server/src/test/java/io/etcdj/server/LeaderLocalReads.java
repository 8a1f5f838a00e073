package io.etcdj.server;

import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.StateRole;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Planted bug {@link PlantedBug#STALE_LEADER_READ}: a member's {@link ServerV2} whose read barrier
 * passes at once while the member believes it leads, as if a leader's store were always current.
 * Everything else is the member's own.
 */
final class LeaderLocalReads implements ServerV2 {
  private final MemberRuntime member;

  LeaderLocalReads(MemberRuntime member) { this.member = member; }

  @Override public CompletableFuture<Void> readBarrier() {
    if (member.status().role() == StateRole.LEADER) {
      return CompletableFuture.completedFuture(null); // the bug: no ReadIndex round
    }
    return member.readBarrier();
  }

  @Override public CompletableFuture<StoreResult> propose(StoreCommand command) { return member.propose(command); }
  @Override public StoreReader store() { return member.store(); }
  @Override public long raftIndex() { return member.raftIndex(); }
  @Override public long raftTerm() { return member.raftTerm(); }
  @Override public String clusterIdHex() { return member.clusterIdHex(); }
  @Override public long nowMs() { return member.nowMs(); }
  @Override public long memberId() { return member.memberId(); }
  @Override public long clusterId() { return member.clusterId(); }
  @Override public MemberStatus status() { return member.status(); }
  @Override public List<Member> members() { return member.members(); }
  @Override public Optional<Member> leader() { return member.leader(); }
  @Override public CompletableFuture<Void> logBarrier(Duration timeout) { return member.logBarrier(timeout); }
  @Override public CompletableFuture<Member> addMember(List<URI> peerUrls) { return member.addMember(peerUrls); }
  @Override public CompletableFuture<Void> removeMember(long memberId) { return member.removeMember(memberId); }
  @Override public CompletableFuture<Void> updateMember(long memberId, List<URI> peerUrls) {
    return member.updateMember(memberId, peerUrls);
  }
  @Override public List<FollowerStatus> followers() { return member.followers(); }
  @Override public ServerMetrics metrics() { return member.metrics(); }
  @Override public SelfStats selfStats() { return member.selfStats(); }
  @Override public Optional<MembershipException.Reason> mayAddMember() { return member.mayAddMember(); }
  @Override public Optional<MembershipException.Reason> mayRemoveMember(long memberId) {
    return member.mayRemoveMember(memberId);
  }
}

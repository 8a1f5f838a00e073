package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.StateRole;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v2/stats/self's state and leader follow etcd's ServerStats, not the Raft role. */
class SelfStatsRecorderTest {
  private static final long SELF = 0xb5179d13d0285315L;
  private static final long OTHER = 0xaa8bfa5f836464fdL;
  private final SimClock clock = new SimClock();
  private final SelfStatsRecorder stats =
      new SelfStatsRecorder("m1", SELF, clock, Instant.ofEpochMilli(clock.wallMillis()));

  private static Message append(long from, long to) {
    return new Message(MessageType.APP, to, from, 2, 2, 8, List.of(), 8, null, false, 0, null);
  }

  @Test
  void aFreshMemberIsAFollowerOfNobody() {
    SelfStats view = stats.view();
    assertThat(view.state()).isEqualTo(StateRole.FOLLOWER);
    assertThat(view.leaderId()).isZero();
    assertThat(view.recvAppendRequestCnt()).isZero();
  }

  @Test
  void anyChangeOfRaftStateMakesItLeaderLedByItselfUntilAnAppendArrives() {
    stats.appendReceived(append(OTHER, SELF));
    stats.raftStateChanged(); // e.g. the leader was lost: etcd calls BecomeLeader all the same

    assertThat(stats.view().state()).isEqualTo(StateRole.LEADER);
    assertThat(stats.view().leaderId()).isEqualTo(SELF);

    clock.advance(1_000_000);
    stats.appendReceived(append(OTHER, SELF));
    assertThat(stats.view().state()).isEqualTo(StateRole.FOLLOWER);
    assertThat(stats.view().leaderId()).isEqualTo(OTHER);
    assertThat(stats.view().recvAppendRequestCnt()).isEqualTo(2);
  }

  @Test
  void theLeaderSinceTimeMovesOnlyWhenTheLeaderChanges() {
    stats.appendReceived(append(OTHER, SELF));
    Instant since = stats.view().leaderSince();
    clock.advance(2_000_000_000L);
    stats.appendReceived(append(OTHER, SELF));

    assertThat(stats.view().leaderSince()).isEqualTo(since);
    assertThat(stats.view().leaderUptimeNanos()).isEqualTo(2_000_000_000L);
  }

  @Test
  void sendingAnAppendCountsItAndMakesItLeader() {
    stats.appendSent(append(SELF, OTHER));

    assertThat(stats.view().state()).isEqualTo(StateRole.LEADER);
    assertThat(stats.view().sendAppendRequestCnt()).isEqualTo(1);
  }
}

package io.etcdj.raft;

import static io.etcdj.raft.TestMember.config;
import static io.etcdj.raft.TestMember.peers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RaftStatus#progress()}: what a leader reports of each other member. */
class LeaderStatusTest {
  @Test
  void aLeaderReportsTheProgressOfEveryOtherMemberAndAFollowerReportsNone() throws Exception {
    TestNetwork net = new TestNetwork();
    for (long id = 1; id <= 4; id++) {
      net.add(TestMember.bootstrap(config(id), List.of(peers(1, 2, 3)), List.of(peers(4))));
    }
    net.settle();
    net.member(1).node.campaign();
    net.settle();
    net.member(1).node.propose("x".getBytes());
    net.isolate(3);
    net.settle();
    TestMember leader = net.member(1);
    long last = leader.storage.lastIndex();
    RaftStatus status = leader.status();
    assertThat(status.progress()).containsOnlyKeys(2L, 3L, 4L);
    assertThat(status.progress().get(2L))
        .isEqualTo(new FollowerProgress(last, last + 1, "replicate", true, false, 0));
    assertThat(status.progress().get(4L))
        .isEqualTo(new FollowerProgress(last, last + 1, "replicate", true, true, 0));
    // Node 3 missed the last append: it is one behind, with that append still in flight.
    assertThat(status.progress().get(3L)).satisfies(p -> {
      assertThat(p.match()).isEqualTo(last - 1);
      assertThat(p.next()).isEqualTo(last + 1);
      assertThat(p.inflight()).isEqualTo(1);
      assertThat(p.learner()).isFalse();
    });
    assertThat(net.member(2).status().progress()).isEmpty();
  }
}

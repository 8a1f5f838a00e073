package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void probeSendsOneAppendAtATimeUntilAnswered() {
    Progress pr = new Progress(0, 5, 4);
    assertThat(pr.isPaused()).isFalse();
    pr.probeSent = true;
    assertThat(pr.isPaused()).isTrue();
    assertThat(pr.maybeUpdate(4)).isTrue();
    assertThat(pr.isPaused()).isFalse();
    assertThat(pr.next).isEqualTo(5);
  }

  @Test
  void rejectionInProbeMovesNextBackToTheFollowersHint() {
    Progress pr = new Progress(0, 10, 4);
    assertThat(pr.maybeDecrTo(8, 3)).isFalse(); // stale: not the index we probed
    assertThat(pr.maybeDecrTo(9, 3)).isTrue();
    assertThat(pr.next).isEqualTo(4);
  }

  @Test
  void rejectionInReplicateFallsBackToJustAfterTheMatch() {
    Progress pr = new Progress(5, 6, 4);
    pr.becomeReplicate();
    pr.optimisticUpdate(20);
    assertThat(pr.maybeDecrTo(4, 4)).isFalse(); // at or below match: stale
    assertThat(pr.maybeDecrTo(15, 10)).isTrue();
    assertThat(pr.next).isEqualTo(6);
  }

  @Test
  void snapshotStatePausesUntilTheSnapshotIsAcknowledged() {
    Progress pr = new Progress(2, 3, 4);
    pr.becomeSnapshot(50);
    assertThat(pr.isPaused()).isTrue();
    pr.becomeProbe();
    assertThat(pr.next).isEqualTo(51);
  }
}

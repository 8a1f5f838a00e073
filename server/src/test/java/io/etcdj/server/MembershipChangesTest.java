package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.Message;
import io.etcdj.raft.transport.ConnectionState;
import io.etcdj.raft.transport.PeerStats;
import io.etcdj.raft.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * etcd's checks around a membership change: the strict reconfiguration check (answered at once)
 * and the refusals etcd finds only after the change went through the log.
 */
class MembershipChangesTest {
  private static final long SELF = 1;
  private static final long SECOND = 1_000_000_000L;
  private final SimClock clock = new SimClock();
  private final Store store = Store.etcdV2(100);
  private final Set<Long> linked = new HashSet<>();
  private final RoundTrips roundTrips = new RoundTrips(new ServerMetrics(), clock);
  private final List<ConfChange> proposed = new ArrayList<>();
  private int logEntries;
  private final MembershipChanges changes = new MembershipChanges(SELF, new Membership(store), roundTrips,
      new LinkedPeers(), clock, change -> {
        proposed.add(change);
        return CompletableFuture.completedFuture(null);
      }, () -> {
        logEntries++;
        return CompletableFuture.completedFuture(null);
      });

  /** A transport whose only figure is whether each peer's control lane is connected. */
  private final class LinkedPeers implements Transport {
    @Override public void send(List<Message> messages) { }
    @Override public Optional<PeerStats> linkStats(long id) {
      ConnectionState state = linked.contains(id) ? ConnectionState.CONNECTED : ConnectionState.CONNECTING;
      return Optional.of(new PeerStats(id, state, state, 0, 0, 0, 0, 0, 0, Optional.empty()));
    }
    @Override public void addPeer(long id, List<URI> urls) { }
    @Override public void updatePeer(long id, List<URI> urls) { }
    @Override public void removePeer(long id) { }
    @Override public void close() { }
  }

  private void member(long id, String name, String peerUrl) {
    String dir = MemberPublisher.memberDir(id);
    store.apply(put(dir + "/raftAttributes", MemberJson.raftAttributes(List.of(peerUrl), false)));
    if (!name.isEmpty()) {
      store.apply(put(dir + "/attributes", MemberJson.attributes(name, List.of(URI.create("http://" + name + ":2379")))));
    }
  }

  private static StoreCommand.Put put(String key, String value) {
    return new StoreCommand.Put(key, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, 0);
  }

  /** Peers answer pings every second for {@code seconds}, connected throughout. */
  private void answeredFor(int seconds, long... peers) {
    for (long p : peers) {
      linked.add(p);
    }
    for (int s = 0; s <= seconds; s++) {
      for (long p : peers) {
        roundTrips.roundTrip(p, Duration.ofMillis(1));
      }
      if (s < seconds) {
        clock.advance(SECOND);
      }
    }
  }

  private void threeStartedMembers() {
    member(SELF, "m1", "http://127.0.0.1:1");
    member(2, "m2", "http://127.0.0.1:2");
    member(3, "m3", "http://127.0.0.1:3");
  }

  @Test
  void anAddIsAllowedOnceEveryPeerAnsweredForFiveSeconds() {
    threeStartedMembers();
    answeredFor(4, 2, 3);
    assertThat(changes.mayAdd()).contains(MembershipException.Reason.UNHEALTHY);

    answeredFor(1, 2, 3);
    assertThat(changes.mayAdd()).isEmpty();
  }

  @Test
  void anAddIsRefusedWhileAMemberAddedEarlierHasNeverStarted() {
    threeStartedMembers();
    member(4, "", "http://127.0.0.1:4");
    answeredFor(6, 2, 3);

    assertThat(changes.mayAdd()).contains(MembershipException.Reason.UNHEALTHY);
  }

  @Test
  void anAddIsRefusedAsSoonAsAPeerStopsAnswering() {
    threeStartedMembers();
    answeredFor(6, 2, 3);
    linked.remove(3L);

    assertThat(changes.mayAdd()).contains(MembershipException.Reason.UNHEALTHY);
  }

  @Test
  void aMemberThisOneDoesNotReachMayAlwaysBeRemoved() {
    threeStartedMembers();
    answeredFor(6, 2);

    assertThat(changes.mayRemove(3)).isEmpty();
  }

  @Test
  void removingAReachedMemberIsRefusedWhenTooFewOthersWereReachedForFiveSeconds() {
    threeStartedMembers();
    answeredFor(6, 2);
    linked.add(3L);

    assertThat(changes.mayRemove(2)).contains(MembershipException.Reason.UNHEALTHY);
    assertThat(changes.mayRemove(SELF)).contains(MembershipException.Reason.UNHEALTHY);
  }

  @Test
  void aRefusedAddAnswersOnlyAfterAnEntryWentThroughTheLogAndProposesNothing() {
    threeStartedMembers();

    CompletableFuture<Member> refused = changes.add(List.of(URI.create("http://127.0.0.1:2")));

    assertThat(refused).failsWithin(Duration.ZERO).withThrowableThat()
        .havingCause().isInstanceOf(MembershipException.class)
        .matches(e -> ((MembershipException) e).reason() == MembershipException.Reason.PEER_URL_EXISTS);
    assertThat(logEntries).isEqualTo(1);
    assertThat(proposed).isEmpty();
  }

  @Test
  void aRemovedMemberIsRefusedAsRemovedBeforeItIsLookedUp() {
    threeStartedMembers();
    store.apply(put("/0/removed_members/" + ClusterIdentity.hex(9), "removed"));

    assertThat(changes.remove(9)).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .matches(e -> ((MembershipException) e).reason() == MembershipException.Reason.ID_REMOVED);
    assertThat(changes.update(9, List.of(URI.create("http://127.0.0.1:9")))).failsWithin(Duration.ZERO)
        .withThrowableThat().havingCause()
        .matches(e -> ((MembershipException) e).reason() == MembershipException.Reason.ID_REMOVED);
    assertThat(logEntries).isEqualTo(2);
  }

  @Test
  void anAcceptedAddProposesALearnerWithTheSortedPeerUrls() {
    threeStartedMembers();

    Member added = changes.add(List.of(URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:8"))).join();

    assertThat(added.peerUrls()).containsExactly("http://127.0.0.1:8", "http://127.0.0.1:9");
    assertThat(proposed).singleElement().matches(c -> c.type() == ConfChange.ConfChangeType.ADD_LEARNER_NODE
        && c.nodeId() == added.id());
    assertThat(logEntries).isZero();
  }
}

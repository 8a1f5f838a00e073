package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.raft.ConfChange;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The applier's handling of membership records, entry by entry as the Raft loop hands them over. */
class ApplierTest {
  private static final long MEMBER = 0x1234L;
  private static final List<URI> URLS = List.of(URI.create("http://m:2380"));

  private final Store store = Store.etcdV2(1000);
  private final MemberPublisher publisher = new MemberPublisher(1, "self", new ArrayList<>(), new SimClock(),
      command -> new CompletableFuture<>(), store);
  private final Applier applier = new Applier(store, publisher,
      new Snapshotter(10_000, new SimSnapshots(), snapshot -> { }, new ServerMetrics(), 0, Runnable::run),
      new ServerMetrics(), 0, 0);
  private long index;

  private void apply(EntryType type, byte[] data) {
    Entry entry = new Entry(1, ++index, type, data);
    applier.apply(new ApplyBatch(List.of(), List.of(), null, List.of(entry), List.of(), new ConfState(List.of()),
        ApplyBatch.NOTHING));
  }

  private void confChange(ConfChange.ConfChangeType type) {
    apply(EntryType.CONF_CHANGE, new ConfChange(type, MEMBER, MemberJson.confChangeContext(MEMBER, "", URLS)).encode());
  }

  private void publishAttributes() {
    apply(EntryType.NORMAL, EntryCodec.encode(7, new StoreCommand.Put(MemberPublisher.memberDir(MEMBER) + "/attributes",
        MemberJson.attributes("m", List.of(URI.create("http://m:2379"))), false, 0, false,
        StoreCommand.PrevExist.UNSET, "", 0, 0)));
  }

  private static StoreCommand.Put set(String key, String value) {
    return new StoreCommand.Put("/1/" + key, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, 0);
  }

  private CompletableFuture<StoreResult> waitFor(long requestId, byte[] data) {
    CompletableFuture<StoreResult> future = new CompletableFuture<>();
    applier.apply(new ApplyBatch(List.of(new RaftRequest.Proposal(requestId, data, future, Long.MAX_VALUE)), List.of(),
        null, List.of(), List.of(), new ConfState(List.of()), ApplyBatch.NOTHING));
    return future;
  }

  /**
   * Request ids are etcd's: the low 16 bits of the member id, then the start time. Two members
   * whose ids share those bits and that start in the same millisecond make the same ids: the
   * other member's entry must not answer this member's client.
   */
  @Test void anotherMembersEntryWithTheSameRequestIdDoesNotAnswerThisMembersProposal() {
    byte[] mine = EntryCodec.encode(42, set("a", "mine"));
    CompletableFuture<StoreResult> answer = waitFor(42, mine);
    apply(EntryType.NORMAL, EntryCodec.encode(42, set("a", "theirs")));
    assertThat(answer).isNotDone();
    apply(EntryType.NORMAL, mine);
    assertThat(answer.join()).isInstanceOfSatisfying(StoreResult.Ok.class,
        ok -> assertThat(ok.event().node().value()).isEqualTo("mine"));
  }

  @Test void anotherMembersBarrierWithTheSameRequestIdDoesNotPassThisMembersBarrier() {
    byte[] mine = EntryCodec.barrier(42, 1);
    CompletableFuture<StoreResult> passed = waitFor(42, mine);
    apply(EntryType.NORMAL, EntryCodec.barrier(42, 2));
    assertThat(passed).isNotDone();
    apply(EntryType.NORMAL, mine);
    assertThat(passed).isDone();
  }

  @Test void aMembersPublishedAttributesNameIt() {
    confChange(ConfChange.ConfChangeType.ADD_NODE);
    publishAttributes();
    assertThat(new Membership(store).list()).extracting(Member::name).containsExactly("m");
  }

  @Test void attributesPublishedAfterTheMembersRemovalDoNotBringItBack() {
    confChange(ConfChange.ConfChangeType.ADD_NODE);
    confChange(ConfChange.ConfChangeType.REMOVE_NODE);
    long storeIndex = store.index();
    publishAttributes(); // proposed while it was a member, committed after its removal
    assertThat(new Membership(store).list()).isEmpty();
    assertThat(new Membership(store).isRemoved(MEMBER)).isTrue();
    assertThat(store.index()).as("nothing written, as etcd's UpdateAttributes skips it").isEqualTo(storeIndex);
  }

  @Test void attributesOfAMemberNeverAddedAreNotRecorded() {
    publishAttributes();
    assertThat(new Membership(store).list()).isEmpty();
  }
}

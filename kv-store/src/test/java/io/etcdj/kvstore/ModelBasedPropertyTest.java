package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The store agrees with {@link ReferenceModel} on every answer and on the whole tree after each step. */
class ModelBasedPropertyTest {
  @Provide
  Arbitrary<LongFunction<StoreCommand>> plainCommand() {
    return RandomCommands.commands(false);
  }

  @Provide
  Arbitrary<LongFunction<StoreCommand>> ttlCommand() {
    return RandomCommands.commands(true);
  }

  @Property(tries = 600, seed = "20261125")
  void storeBehavesLikeTheReferenceModel(@ForAll @Size(min = 1, max = 50) List<@From("plainCommand")
      LongFunction<StoreCommand>> script) {
    check(script);
  }

  @Property(tries = 600, seed = "20261126")
  void storeWithTtlsPostsAndExpiryBehavesLikeTheReferenceModel(@ForAll @Size(min = 1, max = 50)
      List<@From("ttlCommand") LongFunction<StoreCommand>> script) {
    check(script);
  }

  private static void check(List<LongFunction<StoreCommand>> script) {
    Store store = new Store(1000);
    ReferenceModel model = new ReferenceModel();
    for (int i = 0; i < script.size(); i++) {
      StoreCommand c = script.get(i).apply(T0 + i * 1000L);
      ReferenceModel.Outcome expected = model.apply(c);
      StoreResult actual = store.apply(c);
      if (expected.error() == null) {
        assertThat(actual).as("%s", c).isInstanceOf(StoreResult.Ok.class);
        Event e = ((StoreResult.Ok) actual).event();
        assertThat(e.action()).as("%s", c).isEqualTo(expected.action());
        assertThat(e.index()).isEqualTo(expected.index());
      } else {
        assertThat(actual).as("%s", c).isInstanceOf(StoreResult.Err.class);
        StoreError err = ((StoreResult.Err) actual).error();
        assertThat(err.code()).as("%s", c).isEqualTo(expected.error());
        assertThat(err.index()).isEqualTo(expected.index());
        if (expected.cause() != null) {
          assertThat(err.cause()).as("%s", c).isEqualTo(expected.cause());
        }
      }
      assertThat(store.index()).isEqualTo(model.index);
      assertThat(flatten(store)).as("tree after %s", c).isEqualTo(model.entries);
      assertThat(store.hasTtlKeys()).isEqualTo(model.entries.values().stream().anyMatch(en -> en.expireAtMs() != 0));
    }
  }

  /** Every node of the store as the model's entries (hidden subtrees read directly, as listings skip them). */
  private static TreeMap<String, ReferenceModel.Entry> flatten(Store store) {
    TreeMap<String, ReferenceModel.Entry> out = new TreeMap<>();
    for (String p : List.of("/", "/_h", "/a/_h")) {
      StoreResult r = store.get(p, true, false, T0);
      if (r instanceof StoreResult.Ok ok) {
        collect(ok.event().node(), out);
      }
    }
    out.remove("/");
    return out;
  }

  private static void collect(NodeView n, TreeMap<String, ReferenceModel.Entry> out) {
    long expireAt = n.expiration() == null ? 0 : Instant.parse(n.expiration()).toEpochMilli();
    out.put(n.key(), new ReferenceModel.Entry(n.dir(), n.value(), n.createdIndex(), n.modifiedIndex(), expireAt));
    if (n.nodes() != null) {
      for (NodeView child : n.nodes()) {
        collect(child, out);
      }
    }
  }
}

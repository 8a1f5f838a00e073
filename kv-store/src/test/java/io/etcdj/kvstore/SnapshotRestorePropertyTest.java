package io.etcdj.kvstore;

import static io.etcdj.kvstore.Commands.T0;
import static io.etcdj.kvstore.Commands.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A store saved and restored at any point continues exactly as the original would have. */
class SnapshotRestorePropertyTest {
  private static final int HISTORY = 16;

  @Provide
  Arbitrary<LongFunction<StoreCommand>> command() {
    return RandomCommands.commands(true);
  }

  @Property(tries = 300, seed = "20261125")
  void restoredStoreContinuesIdentically(@ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("command")
      LongFunction<StoreCommand>> script, @ForAll @IntRange(min = 0, max = 60) int cutAt,
      @ForAll boolean etcdStore) {
    int cut = Math.min(cutAt, script.size());
    // etcd's store keeps its history as client JSON (keys without "/1"); a plain one as is
    Store original = etcdStore ? Store.etcdV2(HISTORY) : new Store(HISTORY);
    Store replica = etcdStore ? Store.etcdV2(HISTORY) : new Store(HISTORY);
    String prefix = etcdStore ? Store.KEYS_PREFIX : "";
    List<String> originalOut = new ArrayList<>();
    List<String> replicaOut = new ArrayList<>();
    for (int i = 0; i < script.size(); i++) {
      if (i == cut) {
        replica = Store.restore(replica.save(), HISTORY);
      }
      StoreCommand c = script.get(i).apply(T0 + i * 1000L);
      originalOut.add(render(original.apply(c)));
      replicaOut.add(render(replica.apply(c)));
    }
    if (cut == script.size()) {
      replica = Store.restore(replica.save(), HISTORY);
    }
    assertThat(replicaOut).isEqualTo(originalOut);
    assertThat(replica.index()).isEqualTo(original.index());
    assertThat(replica.save()).isEqualTo(original.save());
    assertThat(replica.stats()).isEqualTo(original.stats());
    assertThat(render(replica.get("/", true, true, T0))).isEqualTo(render(original.get("/", true, true, T0)));
    assertThat(replayHistory(replica, prefix)).isEqualTo(replayHistory(original, prefix));
  }

  private static List<String> replayHistory(Store s, String prefix) {
    List<String> out = new ArrayList<>();
    long since = Math.max(1, s.index() - HISTORY + 1);
    Store.WatchResult r = s.watch("/", true, true, since, e -> out.add(json(e.json(prefix))));
    if (r instanceof Store.WatchResult.Rejected rejected) {
      out.add(json(rejected.error().toJson()));
    }
    return out;
  }

  private static String render(StoreResult r) {
    if (r instanceof StoreResult.Ok ok) {
      return ok.event().etcdIndex() + " " + json(ok.event());
    }
    return json(((StoreResult.Err) r).error().toJson());
  }
}

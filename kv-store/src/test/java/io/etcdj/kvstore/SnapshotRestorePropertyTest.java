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
      LongFunction<StoreCommand>> script, @ForAll @IntRange(min = 0, max = 60) int cutAt) {
    int cut = Math.min(cutAt, script.size());
    Store original = new Store(HISTORY);
    Store replica = new Store(HISTORY);
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
    assertThat(replayHistory(replica)).isEqualTo(replayHistory(original));
  }

  private static List<String> replayHistory(Store s) {
    List<String> out = new ArrayList<>();
    long since = Math.max(1, s.index() - HISTORY + 1);
    Store.WatchResult r = s.watch("/", true, true, since, e -> out.add(json(e)));
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

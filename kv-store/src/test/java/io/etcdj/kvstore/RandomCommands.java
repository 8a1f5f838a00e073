package io.etcdj.kvstore;

import io.etcdj.kvstore.StoreCommand.PrevExist;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of store commands over a small key space, so operations collide often. */
final class RandomCommands {
  private RandomCommands() {}

  static Arbitrary<String> paths() {
    return Arbitraries.of("/", "/a", "/b", "/a/b", "/a/c", "/b/a", "/a/b/c", "/_h", "/a/_h");
  }

  static Arbitrary<String> values() {
    return Arbitraries.of("", "1", "2", "x<&>");
  }

  /** Seconds of TTL, 0 meaning none. */
  static Arbitrary<Integer> ttls() {
    return Arbitraries.of(0, 0, 1, 2, 5);
  }

  /** A command stamped at step {@code step}'s time: T0 + step seconds. */
  static Arbitrary<java.util.function.LongFunction<StoreCommand>> commands(boolean withTtl) {
    Arbitrary<java.util.function.LongFunction<StoreCommand>> put = Combinators.combine(paths(), values(),
            Arbitraries.of(false, false, true), withTtl ? ttls() : Arbitraries.just(0),
            Arbitraries.of(PrevExist.values()), values(), Arbitraries.longs().between(0, 12),
            Arbitraries.of(false, false, false, withTtl))
        .as((path, value, dir, ttl, prevExist, prevValue, prevIndex, refresh) -> time -> new StoreCommand.Put(
            path, value, dir, ttl == 0 ? 0 : time + ttl * 1000L, refresh, prevExist,
            prevIndex % 3 == 0 ? prevValue : "", prevIndex % 2 == 0 ? 0 : prevIndex, time));
    Arbitrary<java.util.function.LongFunction<StoreCommand>> post = Combinators.combine(paths(), values(),
            withTtl ? ttls() : Arbitraries.just(0))
        .as((path, value, ttl) -> time -> new StoreCommand.Post(path, value, false, ttl == 0 ? 0 : time + ttl * 1000L,
            time));
    Arbitrary<java.util.function.LongFunction<StoreCommand>> delete = Combinators.combine(paths(),
            Arbitraries.of(false, true), Arbitraries.of(false, true), values(), Arbitraries.longs().between(0, 12))
        .as((path, dir, recursive, prevValue, prevIndex) -> time -> new StoreCommand.Delete(path, dir, recursive,
            prevIndex % 4 == 1 ? prevValue : "", prevIndex % 3 == 1 ? prevIndex : 0, time));
    Arbitrary<java.util.function.LongFunction<StoreCommand>> expire = Arbitraries.just(StoreCommand.Expire::new);
    return withTtl
        ? Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(1, post),
            net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(2, expire))
        : Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(3, delete));
  }
}

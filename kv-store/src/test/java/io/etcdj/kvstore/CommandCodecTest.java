package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
  @Provide
  Arbitrary<StoreCommand> anyCommand() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40).injectNull(0.1);
    Arbitrary<Long> longs = Arbitraries.longs();
    Arbitrary<StoreCommand> put = Combinators.combine(text, text, Arbitraries.of(true, false), longs,
            Arbitraries.of(true, false), Arbitraries.of(StoreCommand.PrevExist.values()), text, longs)
        .as((p, v, d, e, r, pe, pv, pi) -> new StoreCommand.Put(p, v, d, e, r, pe, pv, pi, 1_700_000_000_123L));
    Arbitrary<StoreCommand> post = Combinators.combine(text, text, Arbitraries.of(true, false), longs, longs)
        .as(StoreCommand.Post::new);
    Arbitrary<StoreCommand> delete = Combinators.combine(text, Arbitraries.of(true, false),
            Arbitraries.of(true, false), text, longs, longs)
        .as(StoreCommand.Delete::new);
    Arbitrary<StoreCommand> expire = longs.map(StoreCommand.Expire::new);
    return Arbitraries.oneOf(put, post, delete, expire);
  }

  @Property(tries = 500, seed = "20261125")
  void decodeOfEncodeIsTheSameCommand(@ForAll("anyCommand") StoreCommand command) {
    byte[] bytes = CommandCodec.encode(command);
    assertThat(CommandCodec.decode(bytes)).isEqualTo(command);
    assertThat(CommandCodec.encode(command)).isEqualTo(bytes);
    // behind a header the caller fills in: the same bytes, read back from the offset
    byte[] withHeader = CommandCodec.encode(command, 8);
    assertThat(java.util.Arrays.copyOfRange(withHeader, 8, withHeader.length)).isEqualTo(bytes);
    withHeader[0] = 42;
    assertThat(CommandCodec.decode(withHeader, 8)).isEqualTo(command);
  }

  @Test
  void encodingIsCompact() {
    StoreCommand c = new StoreCommand.Put("/foo", "bar", false, 0, false, StoreCommand.PrevExist.UNSET, "", 0,
        1_764_000_000_000L);
    assertThat(CommandCodec.encode(c).length).isLessThan(24);
  }

  @Test
  void decodeRejectsGarbage() {
    assertThatThrownBy(() -> CommandCodec.decode(new byte[] {9})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandCodec.decode(new byte[] {1, 0})).isInstanceOf(IllegalArgumentException.class);
    byte[] ok = CommandCodec.encode(new StoreCommand.Expire(5));
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThatThrownBy(() -> CommandCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
  }
}

package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Bytes that are not UTF-8 survive as themselves, distinct from each other and from U+FFFD. */
class GoBytesTest {
  @Property(tries = 2000) void anyBytesSurviveTheRoundTrip(@ForAll byte[] bytes) {
    String s = GoBytes.decode(bytes, 0, bytes.length);
    assertThat(GoBytes.encode(s)).isEqualTo(bytes);
    assertThat(Wtf8.decode(Wtf8.encode(s), 0, Wtf8.encode(s).length)).isEqualTo(s);
  }

  @Property(tries = 1000) void validUtf8IsDecodedAsTheJdkDecodesIt(@ForAll String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertThat(GoBytes.decode(utf8, 0, utf8.length)).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
  }

  @Test void invalidBytesAreDistinctKeys() {
    String ff = GoBytes.decode(new byte[] {(byte) 0xff}, 0, 1);
    String fe = GoBytes.decode(new byte[] {(byte) 0xfe}, 0, 1);
    byte[] replacement = "\ufffd".getBytes(StandardCharsets.UTF_8);
    assertThat(ff).isNotEqualTo(fe).isNotEqualTo(GoBytes.decode(replacement, 0, replacement.length));
    // an encoded surrogate is three invalid bytes to Go, as to us
    assertThat(GoBytes.decode(new byte[] {(byte) 0xed, (byte) 0xb2, (byte) 0x80}, 0, 3)).hasSize(3);
  }

  @Property(tries = 1000) void keysSortAsGoSortsTheirBytes(@ForAll byte[] a, @ForAll byte[] b) {
    String sa = GoBytes.decode(a, 0, a.length);
    String sb = GoBytes.decode(b, 0, b.length);
    assertThat(Integer.signum(KeyPath.compareGo(sa, sb))).isEqualTo(Integer.signum(Arrays.compareUnsigned(a, b)));
  }
}

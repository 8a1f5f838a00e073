package io.etcdj.kvstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The tree finds names by comparing their bytes with a request's path segments. */
class Wtf8PropertyTest {
  @Provide
  Arbitrary<String> names() {
    // mostly ASCII, some Latin-1, CJK, emoji halves and wholes, to hit every encoding length
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'e')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u00e0', '\u00e2')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u65e5', '\u65e6')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uD83D', '\uD83D')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uDE00', '\uDE01')),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uFFFD', '\uFFFF')));
    return chars.list().ofMaxSize(6).map(cs -> {
      StringBuilder sb = new StringBuilder();
      cs.forEach(sb::append);
      return sb.toString();
    });
  }

  @Property
  void decodingAnEncodingGivesTheStringBack(@ForAll("names") String s) {
    byte[] bytes = Wtf8.encode(s);
    assertThat(Wtf8.decode(bytes, 0, bytes.length)).isEqualTo(s);
    assertThat(bytes.length).isEqualTo(Wtf8.length(s, 0, s.length()));
  }

  @Property
  void comparingBytesWithAStringAgreesWithComparingTheirEncodings(@ForAll("names") String a,
                                                                  @ForAll("names") String b) {
    byte[] x = Wtf8.encode(a);
    byte[] y = Wtf8.encode(b);
    String padded = "/" + b + "/";
    int got = Wtf8.compare(x, 0, x.length, padded, 1, padded.length() - 1);
    assertThat(Integer.signum(got)).isEqualTo(Integer.signum(Arrays.compareUnsigned(x, y)));
    assertThat(got == 0).isEqualTo(a.equals(b));
  }

  @Property
  void encodingInPlaceWritesWhatEncodingToAnArrayWrites(@ForAll("names") String s) {
    int size = Wtf8.length(s, 0, s.length());
    byte[] out = new byte[size + 2];
    assertThat(Wtf8.encodeInto(s, out, 1, size)).isEqualTo(1 + size);
    assertThat(Arrays.copyOfRange(out, 1, 1 + size)).isEqualTo(Wtf8.encode(s));
  }

  @Property
  void aStringsPredictedSizeIsWhatWritingItTakes(@ForAll("names") String s, @ForAll long v) {
    byte[] written = new BinaryOut(1).writeString(s).writeLong(v).writeString(null).toBytes();
    assertThat(written).hasSize(BinaryOut.stringSize(BinaryOut.byteLength(s)) + BinaryOut.longSize(v)
        + BinaryOut.stringSize(BinaryOut.byteLength(null)));
  }
}

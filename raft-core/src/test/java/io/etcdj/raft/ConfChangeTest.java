package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ConfChangeTest {
  @Property(tries = 200)
  void encodeThenDecodeIsIdentity(@ForAll ConfChange.ConfChangeType type, @ForAll long nodeId,
                                  @ForAll byte[] context) {
    ConfChange decoded = ConfChange.decode(new ConfChange(type, nodeId, context).encode());
    assertThat(decoded.type()).isEqualTo(type);
    assertThat(decoded.nodeId()).isEqualTo(nodeId);
    assertThat(decoded.context()).isEqualTo(context);
  }

  @Test
  void decodingGarbageFails() {
    assertThatThrownBy(() -> ConfChange.decode(new byte[] {9, 9, 9}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

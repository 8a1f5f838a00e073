package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.transport.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireCodecTest {
  private static final long BIG_ID = 0xfedcba9876543210L;

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everyMessageTypeSurvivesTheWire(MessageType type) {
    Message m = new Message(type, BIG_ID, 2, 7, 6, 41, List.of(), 40, Snapshot.EMPTY, true, 39,
        "ctx".getBytes(StandardCharsets.UTF_8));

    Message back = roundTrip(m);

    assertFieldsEqual(back, m);
  }

  @Test
  void entriesKeepTheirOrderTypesAndData() {
    List<Entry> entries = List.of(
        new Entry(5, 10, EntryType.NORMAL, new byte[0]),
        new Entry(5, 11, EntryType.CONF_CHANGE, new byte[] {1, 2, 3}),
        new Entry(6, 12, EntryType.NORMAL, "put /a b".getBytes(StandardCharsets.UTF_8)));
    Message m = new Message(MessageType.APP, 2, 1, 6, 5, 9, entries, 11, Snapshot.EMPTY, false, 0,
        new byte[0]);

    Message back = roundTrip(m);

    assertFieldsEqual(back, m);
    assertThat(back.snapshot()).isSameAs(Snapshot.EMPTY);
  }

  @Test
  void snapshotCarriesMetadataVotersLearnersAndData() {
    Snapshot s = new Snapshot(new SnapshotMetadata(1234, 9,
        new ConfState(List.of(1L, 2L, BIG_ID), List.of(4L, 5L))), new byte[] {9, 8, 7, 6});
    Message m = new Message(MessageType.SNAP, 2, 1, 9, 0, 0, List.of(), 0, s, false, 0,
        new byte[0]);

    Message back = roundTrip(m);

    assertFieldsEqual(back, m);
  }

  @Test
  void snapshotHeaderLeavesTheDataToTheChunks() {
    byte[] data = {1, 2, 3, 4, 5};
    Snapshot s = new Snapshot(new SnapshotMetadata(77, 3,
        new ConfState(List.of(1L), List.of(2L))), data);
    Message m = new Message(MessageType.SNAP, 2, 1, 3, 0, 0, List.of(), 0, s, false, 0,
        new byte[0]);

    WireMessage header = WireCodec.encodeWithoutSnapshotData(m);
    Message back = WireCodec.decode(parse(header), data.clone());

    assertThat(header.getSnapshot().getData().isEmpty()).isTrue();
    assertFieldsEqual(back, m);
  }

  @Test
  void rejectAndRejectHintAndContextSurvive() {
    Message m = new Message(MessageType.APP_RESP, 1, 3, 8, 0, 100, List.of(), 0, Snapshot.EMPTY,
        true, 57, new byte[] {0, -1, 127});

    Message back = roundTrip(m);

    assertThat(back.reject()).isTrue();
    assertThat(back.rejectHint()).isEqualTo(57);
    assertThat(back.context()).containsExactly(0, -1, 127);
  }

  private static Message roundTrip(Message m) {
    return WireCodec.decode(parse(WireCodec.encode(m)));
  }

  /** Through bytes, as on the wire, so nothing is shared with the original. */
  private static WireMessage parse(WireMessage w) {
    try {
      return WireMessage.parseFrom(w.toByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertFieldsEqual(Message actual, Message expected) {
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.to()).isEqualTo(expected.to());
    assertThat(actual.from()).isEqualTo(expected.from());
    assertThat(actual.term()).isEqualTo(expected.term());
    assertThat(actual.logTerm()).isEqualTo(expected.logTerm());
    assertThat(actual.index()).isEqualTo(expected.index());
    assertThat(actual.commit()).isEqualTo(expected.commit());
    assertThat(actual.reject()).isEqualTo(expected.reject());
    assertThat(actual.rejectHint()).isEqualTo(expected.rejectHint());
    assertThat(actual.context()).isEqualTo(expected.context());
    assertThat(actual.entries()).hasSameSizeAs(expected.entries());
    for (int i = 0; i < expected.entries().size(); i++) {
      Entry a = actual.entries().get(i);
      Entry e = expected.entries().get(i);
      assertThat(a.term()).isEqualTo(e.term());
      assertThat(a.index()).isEqualTo(e.index());
      assertThat(a.type()).isEqualTo(e.type());
      assertThat(a.data()).isEqualTo(e.data());
    }
    assertThat(actual.snapshot().metadata()).isEqualTo(expected.snapshot().metadata());
    assertThat(actual.snapshot().data()).isEqualTo(expected.snapshot().data());
  }
}

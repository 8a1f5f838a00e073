package io.etcdj.raft.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.EntryType;
import io.etcdj.raft.Message;
import io.etcdj.raft.MessageType;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.transport.wire.WireConfState;
import io.etcdj.raft.transport.wire.WireEntry;
import io.etcdj.raft.transport.wire.WireEntryType;
import io.etcdj.raft.transport.wire.WireMessage;
import io.etcdj.raft.transport.wire.WireMessageType;
import io.etcdj.raft.transport.wire.WireSnapshot;
import io.etcdj.raft.transport.wire.WireSnapshotMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping between the core's records and their protobuf form, and nothing else.
 *
 * <p>Outbound byte arrays (entry data, context, snapshot data) are wrapped, not copied: an entry
 * is immutable once in the log and a message is not touched after {@code send}. Inbound ones are
 * copied out of the frame exactly once, into the arrays the records hold.
 */
final class WireCodec {
  private static final byte[] EMPTY = new byte[0];

  private WireCodec() { }

  /** The whole message, a snapshot's data included. */
  static WireMessage encode(Message m) {
    return encode(m, true);
  }

  /** The message with its snapshot's data left out, for a SnapshotHeader. */
  static WireMessage encodeWithoutSnapshotData(Message m) {
    return encode(m, false);
  }

  /** A message whose snapshot (if any) travelled inside it. */
  static Message decode(WireMessage w) {
    return decode(w, w.hasSnapshot() ? bytes(w.getSnapshot().getData()) : EMPTY);
  }

  /** A message whose snapshot's data travelled apart from it, in chunks. */
  static Message decode(WireMessage w, byte[] snapshotData) {
    List<Entry> entries;
    if (w.getEntriesCount() == 0) {
      entries = List.of();
    } else {
      entries = new ArrayList<>(w.getEntriesCount());
      for (WireEntry e : w.getEntriesList()) {
        entries.add(new Entry(e.getTerm(), e.getIndex(), entryType(e.getType()),
            bytes(e.getData())));
      }
      entries = List.copyOf(entries);
    }
    Snapshot snapshot = w.hasSnapshot()
        ? new Snapshot(metadata(w.getSnapshot().getMetadata()), snapshotData)
        : Snapshot.EMPTY;
    return new Message(messageType(w.getType()), w.getTo(), w.getFrom(), w.getTerm(),
        w.getLogTerm(), w.getIndex(), entries, w.getCommit(), snapshot, w.getReject(),
        w.getRejectHint(), bytes(w.getContext()));
  }

  private static WireMessage encode(Message m, boolean withSnapshotData) {
    WireMessage.Builder b = WireMessage.newBuilder()
        .setType(wireType(m.type()))
        .setTo(m.to())
        .setFrom(m.from())
        .setTerm(m.term())
        .setLogTerm(m.logTerm())
        .setIndex(m.index())
        .setCommit(m.commit())
        .setReject(m.reject())
        .setRejectHint(m.rejectHint())
        .setContext(wrap(m.context()));
    for (Entry e : m.entries()) {
      b.addEntries(WireEntry.newBuilder()
          .setTerm(e.term())
          .setIndex(e.index())
          .setType(wireType(e.type()))
          .setData(wrap(e.data())));
    }
    Snapshot s = m.snapshot();
    if (s != null && (m.type() == MessageType.SNAP || !s.isEmpty())) {
      WireSnapshot.Builder sb = WireSnapshot.newBuilder().setMetadata(wireMetadata(s.metadata()));
      if (withSnapshotData) {
        sb.setData(wrap(s.data()));
      }
      b.setSnapshot(sb);
    }
    return b.build();
  }

  private static WireSnapshotMetadata wireMetadata(SnapshotMetadata md) {
    return WireSnapshotMetadata.newBuilder()
        .setIndex(md.index())
        .setTerm(md.term())
        .setConfState(WireConfState.newBuilder()
            .addAllVoters(md.confState().voters())
            .addAllLearners(md.confState().learners()))
        .build();
  }

  private static SnapshotMetadata metadata(WireSnapshotMetadata w) {
    WireConfState cs = w.getConfState();
    return new SnapshotMetadata(w.getIndex(), w.getTerm(),
        new ConfState(cs.getVotersList(), cs.getLearnersList()));
  }

  static ByteString wrap(byte[] b) {
    return b == null || b.length == 0 ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(b);
  }

  private static byte[] bytes(ByteString b) {
    return b.isEmpty() ? EMPTY : b.toByteArray();
  }

  private static EntryType entryType(WireEntryType t) {
    return switch (t) {
      case ENTRY_NORMAL -> EntryType.NORMAL;
      case ENTRY_CONF_CHANGE -> EntryType.CONF_CHANGE;
      default -> throw new IllegalArgumentException("unknown entry type " + t);
    };
  }

  private static WireEntryType wireType(EntryType t) {
    return switch (t) {
      case NORMAL -> WireEntryType.ENTRY_NORMAL;
      case CONF_CHANGE -> WireEntryType.ENTRY_CONF_CHANGE;
    };
  }

  private static WireMessageType wireType(MessageType t) {
    return switch (t) {
      case HUP -> WireMessageType.MSG_HUP;
      case BEAT -> WireMessageType.MSG_BEAT;
      case PROP -> WireMessageType.MSG_PROP;
      case APP -> WireMessageType.MSG_APP;
      case APP_RESP -> WireMessageType.MSG_APP_RESP;
      case VOTE -> WireMessageType.MSG_VOTE;
      case VOTE_RESP -> WireMessageType.MSG_VOTE_RESP;
      case PRE_VOTE -> WireMessageType.MSG_PRE_VOTE;
      case PRE_VOTE_RESP -> WireMessageType.MSG_PRE_VOTE_RESP;
      case SNAP -> WireMessageType.MSG_SNAP;
      case HEARTBEAT -> WireMessageType.MSG_HEARTBEAT;
      case HEARTBEAT_RESP -> WireMessageType.MSG_HEARTBEAT_RESP;
      case UNREACHABLE -> WireMessageType.MSG_UNREACHABLE;
      case SNAP_STATUS -> WireMessageType.MSG_SNAP_STATUS;
      case CHECK_QUORUM -> WireMessageType.MSG_CHECK_QUORUM;
      case TRANSFER_LEADER -> WireMessageType.MSG_TRANSFER_LEADER;
      case TIMEOUT_NOW -> WireMessageType.MSG_TIMEOUT_NOW;
      case READ_INDEX -> WireMessageType.MSG_READ_INDEX;
      case READ_INDEX_RESP -> WireMessageType.MSG_READ_INDEX_RESP;
    };
  }

  private static MessageType messageType(WireMessageType t) {
    return switch (t) {
      case MSG_HUP -> MessageType.HUP;
      case MSG_BEAT -> MessageType.BEAT;
      case MSG_PROP -> MessageType.PROP;
      case MSG_APP -> MessageType.APP;
      case MSG_APP_RESP -> MessageType.APP_RESP;
      case MSG_VOTE -> MessageType.VOTE;
      case MSG_VOTE_RESP -> MessageType.VOTE_RESP;
      case MSG_PRE_VOTE -> MessageType.PRE_VOTE;
      case MSG_PRE_VOTE_RESP -> MessageType.PRE_VOTE_RESP;
      case MSG_SNAP -> MessageType.SNAP;
      case MSG_HEARTBEAT -> MessageType.HEARTBEAT;
      case MSG_HEARTBEAT_RESP -> MessageType.HEARTBEAT_RESP;
      case MSG_UNREACHABLE -> MessageType.UNREACHABLE;
      case MSG_SNAP_STATUS -> MessageType.SNAP_STATUS;
      case MSG_CHECK_QUORUM -> MessageType.CHECK_QUORUM;
      case MSG_TRANSFER_LEADER -> MessageType.TRANSFER_LEADER;
      case MSG_TIMEOUT_NOW -> MessageType.TIMEOUT_NOW;
      case MSG_READ_INDEX -> MessageType.READ_INDEX;
      case MSG_READ_INDEX_RESP -> MessageType.READ_INDEX_RESP;
      case UNRECOGNIZED -> throw new IllegalArgumentException("unknown message type");
    };
  }
}

package io.etcdj.raft;

import java.util.List;

/** Builds a {@link Message} field by field, leaving unused fields zero or empty. */
final class MessageBuilder {
  static final byte[] NO_CONTEXT = new byte[0];

  private final MessageType type;
  private final long to;
  private long from;
  private long term;
  private long logTerm;
  private long index;
  private List<Entry> entries = List.of();
  private long commit;
  private Snapshot snapshot = Snapshot.EMPTY;
  private boolean reject;
  private long rejectHint;
  private byte[] context = NO_CONTEXT;

  private MessageBuilder(MessageType type, long to) {
    this.type = type;
    this.to = to;
  }

  static MessageBuilder of(MessageType type, long to) { return new MessageBuilder(type, to); }

  MessageType type() { return type; }
  long term() { return term; }

  MessageBuilder from(long v) { from = v; return this; }
  MessageBuilder term(long v) { term = v; return this; }
  MessageBuilder logTerm(long v) { logTerm = v; return this; }
  MessageBuilder index(long v) { index = v; return this; }
  MessageBuilder entries(List<Entry> v) { entries = v; return this; }
  MessageBuilder commit(long v) { commit = v; return this; }
  MessageBuilder snapshot(Snapshot v) { snapshot = v; return this; }
  MessageBuilder reject(boolean v) { reject = v; return this; }
  MessageBuilder rejectHint(long v) { rejectHint = v; return this; }
  MessageBuilder context(byte[] v) { context = v == null ? NO_CONTEXT : v; return this; }

  Message build() {
    return new Message(type, to, from, term, logTerm, index, entries, commit, snapshot, reject,
        rejectHint, context);
  }
}

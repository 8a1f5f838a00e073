package io.etcdj.raft;

import java.util.List;

/** A Raft message between peers (or a local input such as a proposal). Fields unused by a type are zero/empty. */
public record Message(MessageType type, long to, long from, long term, long logTerm, long index,
                      List<Entry> entries, long commit, Snapshot snapshot, boolean reject,
                      long rejectHint, byte[] context) {}

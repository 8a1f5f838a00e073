package io.etcdj.raft;

import java.util.List;

/**
 * What the node wants done, in this order: persist {@code hardState}, {@code entries} and
 * {@code snapshot} (synced when {@code mustSync}); send {@code messages}; apply
 * {@code committedEntries}; serve {@code readStates} once applied; then call
 * {@link RaftNode#advance(Ready)}. {@code softState} is null when unchanged; {@code hardState}
 * is {@link HardState#EMPTY} when unchanged; {@code snapshot} is {@link Snapshot#EMPTY} when none.
 */
public record Ready(SoftState softState, HardState hardState, List<Entry> entries, Snapshot snapshot,
                    List<Entry> committedEntries, List<Message> messages, List<ReadState> readStates,
                    boolean mustSync) {}

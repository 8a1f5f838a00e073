package io.etcdj.raft;

/** One Raft log entry. {@code data} is opaque to Raft (the application's command bytes). */
public record Entry(long term, long index, EntryType type, byte[] data) {}

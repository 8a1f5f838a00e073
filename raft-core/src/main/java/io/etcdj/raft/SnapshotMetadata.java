package io.etcdj.raft;

public record SnapshotMetadata(long index, long term, ConfState confState) {}

package io.etcdj.raft;

/** Volatile state worth telling the application about: who leads, and our own role. */
public record SoftState(long leaderId, StateRole role) {}

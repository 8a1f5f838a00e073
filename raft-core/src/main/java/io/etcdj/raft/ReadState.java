package io.etcdj.raft;

/**
 * Answer to a ReadIndex request: once the application has applied up to {@code index}, a read
 * tagged {@code requestCtx} may be served linearizably.
 */
public record ReadState(long index, byte[] requestCtx) {}

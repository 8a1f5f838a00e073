package io.etcdj.client;

/** GET /health of one endpoint: whether it said {@code "health":"true"}. */
public record Health(String endpoint, boolean healthy) {}

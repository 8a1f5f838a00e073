package io.etcdj.kvstore;

import java.util.List;

/**
 * An immutable copy of one node as a response or event shows it. {@code value} is null for
 * directories; {@code nodes} is null when children were not asked for; {@code expiration} is
 * null and {@code ttlSeconds} 0 for permanent nodes.
 */
public record NodeView(String key, boolean dir, String value, long createdIndex, long modifiedIndex,
                       String expiration, long ttlSeconds, List<NodeView> nodes) {}

package io.etcdj.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** What the info endpoints read about the running member; every part is safe from any thread. */
record MemberState(ClusterIdentity identity, String name, Instant startTime, List<URI> clientUrls,
                   RaftLoop loop, RaftBackend backend, ServerMetrics metrics) {}

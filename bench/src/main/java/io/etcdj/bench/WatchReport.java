package io.etcdj.bench;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a watch run: {@code expected} = watchers x acknowledged PUTs; {@code received}
 * counts (watcher, PUT) pairs seen; {@code cleared} counts 401 answers; latency is PUT sent to
 * event received, in microseconds.
 */
record WatchReport(int watchers, long puts, long putErrors, long expected, long received, long missed,
                   long cleared, long otherErrors, Histogram latencyUs) {}

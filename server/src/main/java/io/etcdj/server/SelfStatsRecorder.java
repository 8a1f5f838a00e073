package io.etcdj.server;

import io.etcdj.raft.Message;
import io.etcdj.raft.StateRole;
import java.time.Instant;

/**
 * Keeps /v2/stats/self's figures exactly as etcd 3.4's ServerStats keeps them, so every member
 * answers as an etcd member in its place would: a change of Raft state makes the stats say
 * "leader, led by itself" (BecomeLeader, called on every soft-state change) until the next
 * append from a leader says otherwise (RecvAppendReq); sending an append makes it leader too.
 * The Raft thread reports; HTTP threads read. Synchronised: both sides are brief.
 */
final class SelfStatsRecorder {
  private final String name;
  private final long id;
  private final Clock clock;
  private final Instant startTime;
  private final RateQueue received = new RateQueue();
  private final RateQueue sent = new RateQueue();
  private StateRole state = StateRole.FOLLOWER;
  private long leaderId;
  private Instant leaderSince;
  private long leaderSinceNanos;
  private long receivedCount;
  private long sentCount;

  SelfStatsRecorder(String name, long id, Clock clock, Instant startTime) {
    this.name = name;
    this.id = id;
    this.clock = clock;
    this.startTime = startTime;
    this.leaderSince = startTime;
    this.leaderSinceNanos = clock.nanoTime();
  }

  /** The Raft state changed (etcd calls BecomeLeader whatever the new state is). */
  synchronized void raftStateChanged() { becomeLeader(); }

  synchronized void appendReceived(Message append) {
    state = StateRole.FOLLOWER;
    if (append.from() != leaderId) {
      leaderId = append.from();
      since();
    }
    received.insert(clock.nanoTime(), size(append));
    receivedCount++;
  }

  synchronized void appendSent(Message append) {
    becomeLeader();
    sent.insert(clock.nanoTime(), size(append));
    sentCount++;
  }

  synchronized SelfStats view() {
    long now = clock.nanoTime();
    double[] in = received.rate(now);
    double[] out = sent.rate(now);
    return new SelfStats(name, id, state, startTime, leaderId, leaderSince, now - leaderSinceNanos, receivedCount,
        in[0], in[1], sentCount, out[0], out[1]);
  }

  private void becomeLeader() {
    if (state != StateRole.LEADER) {
      state = StateRole.LEADER;
      leaderId = id;
      since();
    }
  }

  private void since() {
    leaderSince = Instant.ofEpochMilli(clock.wallMillis());
    leaderSinceNanos = clock.nanoTime();
  }

  /** About what etcd counts (the protobuf size of the message): its entries and a header. */
  private static long size(Message m) {
    long bytes = 32;
    for (io.etcdj.raft.Entry e : m.entries()) {
      bytes += 16 + (e.data() == null ? 0 : e.data().length);
    }
    return bytes;
  }
}

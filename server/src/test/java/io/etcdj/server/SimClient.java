package io.etcdj.server;

import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.NodeView;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.server.history.HistoryRecorder;
import io.etcdj.server.history.Input;
import io.etcdj.server.history.Output;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * One client of the simulated cluster, as an HTTP client of the v2 API is: one request at a time
 * to the member it is connected to, through that member's {@link ServerV2} exactly as the keys
 * handler calls it (a write is a proposal; a quorum GET is a read barrier, then a read of the
 * store; a plain GET reads the store at once). Every request goes into the run's history: its
 * answer when one comes, or an unknown outcome when it timed out (the server's request timeout,
 * or the client's own, shorter, after which it moves on as an impatient HTTP client does), the
 * member stopped, or the connection dropped with a crash. Values are unique, so every read names
 * the write it saw.
 *
 * <p>An answer the per-key model has no words for (an etcd error other than 100 and 101, an
 * exception other than the server's unavailability) is a surprise: {@link #surprise} reports it
 * and the run fails. Owned by the simulation thread; answers arrive on it too, from the applier.
 */
final class SimClient {
  private static final long THINK_NANOS_MAX = 20_000_000;
  private static final long RECONNECT_NANOS = 50_000_000;

  private final int id;
  private final List<String> keys;
  private final HistoryRecorder history;
  private final LongSupplier ticks;
  private final SimClock clock;
  private final SplittableRandom random;
  private final long timeoutNanos;
  /** Whether it stays with its member whatever happens (one configured endpoint) until that member goes down. */
  private final boolean sticky;
  private final Map<String, String> lastSeen = new HashMap<>();
  private SimMember member;
  private long inFlight = -1; // the recorder's id of the request waiting for its answer
  private SimMember inFlightAt;
  private long inFlightSinceNanos;
  private long nextRequestNanos;
  private int writes;
  private String surprise;

  SimClient(int id, List<String> keys, HistoryRecorder history, LongSupplier ticks, SimClock clock,
            SplittableRandom random) {
    this.id = id;
    this.keys = keys;
    this.history = history;
    this.ticks = ticks;
    this.clock = clock;
    this.random = random;
    this.timeoutNanos = 300_000_000L + random.nextLong(1_700_000_000L);
    this.sticky = random.nextBoolean();
  }

  /** What the model cannot explain, if this client was answered so; null otherwise. */
  String surprise() { return surprise; }

  /** Sends the next request if none is in flight and it is time; connects elsewhere when its member is gone. */
  void act(SimCluster cluster) {
    long now = clock.nanoTime();
    if (inFlight >= 0 && now - inFlightSinceNanos > timeoutNanos) {
      history.unknown(inFlight); // gave up waiting: it may still take effect, any time from now on
      inFlight = -1;
      if (!sticky && random.nextBoolean()) {
        member = null;
      }
    }
    if (inFlight >= 0 || now - nextRequestNanos < 0) {
      return;
    }
    if (member == null || !member.alive() || (!sticky && random.nextInt(25) == 0)) {
      member = anyLiveMember(cluster);
      if (member == null) {
        nextRequestNanos = now + RECONNECT_NANOS;
        return;
      }
    }
    String key = keys.get(random.nextInt(keys.size()));
    String path = "/1/" + key;
    ServerV2 server = member.server();
    long nowMs = clock.wallMillis();
    int dice = random.nextInt(100);
    if (dice < 15) {
      plainGet(server, key, path, now);
    } else if (dice < 40) {
      Input in = new Input.Get(key);
      await(history.invoke(id, in, ticks.getAsLong()), in,
          server.readBarrier().thenApply(ok -> server.store().get(path, false, false, nowMs)));
    } else if (dice < 65) {
      String value = nextValue();
      Input in = new Input.Put(key, value);
      await(history.invoke(id, in, ticks.getAsLong()), in, server.propose(put(path, value, "", nowMs)));
    } else if (dice < 85) {
      String value = nextValue();
      String expected = lastSeen.getOrDefault(key, "c" + id + ".none");
      Input in = new Input.CompareAndSwap(key, expected, value);
      await(history.invoke(id, in, ticks.getAsLong()), in, server.propose(put(path, value, expected, nowMs)));
    } else if (dice < 93) {
      Input in = new Input.Delete(key);
      await(history.invoke(id, in, ticks.getAsLong()), in,
          server.propose(new StoreCommand.Delete(path, false, false, "", 0, nowMs)));
    } else {
      String expected = lastSeen.getOrDefault(key, "c" + id + ".none");
      Input in = new Input.CompareAndDelete(key, expected);
      await(history.invoke(id, in, ticks.getAsLong()), in,
          server.propose(new StoreCommand.Delete(path, false, false, expected, 0, nowMs)));
    }
  }

  /** The member the request in flight went to is gone: its connection dropped, the outcome is unknown. */
  void memberDown(SimMember m) {
    if (inFlight >= 0 && inFlightAt == m) {
      history.unknown(inFlight);
      inFlight = -1;
      nextRequestNanos = clock.nanoTime() + RECONNECT_NANOS;
    }
    if (member == m) {
      member = null;
    }
  }

  private void plainGet(ServerV2 server, String key, String path, long now) {
    Input in = new Input.PlainGet(key, member.incarnation());
    long op = history.invoke(id, in, ticks.getAsLong());
    Output out = readOutput(key, server.store().get(path, false, false, 0));
    history.ok(op, out, ticks.getAsLong());
    nextRequestNanos = now + think();
  }

  private void await(long op, Input in, CompletableFuture<StoreResult> answer) {
    inFlight = op;
    inFlightAt = member;
    inFlightSinceNanos = clock.nanoTime();
    SimMember at = member;
    answer.whenComplete((result, error) -> answered(op, in, result, error, at));
  }

  private void answered(long op, Input in, StoreResult result, Throwable error, SimMember at) {
    if (inFlight != op) {
      return; // already unknown: its member went down first
    }
    inFlight = -1;
    nextRequestNanos = clock.nanoTime() + think();
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause != null) {
      if (!(cause instanceof ServerUnavailableException)) {
        surprise = in + " at " + at.name() + " failed with " + cause;
      }
      history.unknown(op);
      return;
    }
    Output out = in instanceof Input.Get ? readOutput(in.key(), result) : writeOutput(in, result);
    if (out == null) {
      surprise = in + " at " + at.name() + " was answered " + result;
      history.unknown(op);
      return;
    }
    history.ok(op, out, ticks.getAsLong());
  }

  private Output readOutput(String key, StoreResult result) {
    if (result instanceof StoreResult.Ok ok) {
      NodeView node = ok.event().node();
      lastSeen.put(key, node.value());
      return new Output.Found(node.value(), node.modifiedIndex());
    }
    StoreResult.Err err = (StoreResult.Err) result;
    if (err.error().code() == ErrorCode.KEY_NOT_FOUND) {
      return Output.NotFound.INSTANCE;
    }
    surprise = "a read was answered " + err.error();
    return null;
  }

  /** A write's answer for the model, or null if it has none. */
  private Output writeOutput(Input in, StoreResult result) {
    if (result instanceof StoreResult.Err err) {
      ErrorCode code = err.error().code();
      return code == ErrorCode.KEY_NOT_FOUND || code == ErrorCode.TEST_FAILED ? new Output.Err(code) : null;
    }
    var event = ((StoreResult.Ok) result).event();
    Optional<String> previous =
        event.prevNode() == null ? Optional.empty() : Optional.ofNullable(event.prevNode().value());
    if (in instanceof Input.Put p) {
      lastSeen.put(p.key(), p.value());
    } else if (in instanceof Input.CompareAndSwap c) {
      lastSeen.put(c.key(), c.value());
    }
    return new Output.Ok(event.index(), previous);
  }

  private String nextValue() { return "c" + id + "." + ++writes; }

  private long think() { return (long) (random.nextDouble() * THINK_NANOS_MAX); }

  private static StoreCommand.Put put(String path, String value, String prevValue, long nowMs) {
    return new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, prevValue, 0, nowMs);
  }

  private SimMember anyLiveMember(SimCluster cluster) {
    List<SimMember> live = cluster.members().stream().filter(SimMember::alive).toList();
    return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
  }
}

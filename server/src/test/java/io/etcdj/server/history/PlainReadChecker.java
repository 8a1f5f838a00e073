package io.etcdj.server.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weaker check for plain (local, non-quorum) reads. etcd answers them from the member's own
 * store, which may lag the leader by any amount, so they are not linearizable and a stale answer
 * is no bug. What must still hold:
 * <ul>
 *   <li>every value read was written: a write on the key answered ok with that value at exactly
 *       that modifiedIndex, or a write of that value whose outcome is unknown (its index unseen,
 *       and not one a known write took: each index belongs to one event), invoked no later than
 *       the read returned;
 *   <li>a member's store only moves forward: reads by one client at one member of one key, one
 *       after the other in real time, never go back in modifiedIndex, and a key seen at index i
 *       is only later not found if some delete of it (at an index past i, when known) was invoked
 *       by then.
 * </ul>
 * A restarted member that replays its log may serve older state for a while; the simulator should
 * then count it as a new member (a new member id in {@link Input.PlainGet}).
 *
 * <p>Stateless; safe to share between threads.
 */
public final class PlainReadChecker {

  public CheckResult check(History history) {
    Writes writes = Writes.of(history);
    Map<List<Object>, List<Operation>> streams = new HashMap<>();
    Set<String> keys = new HashSet<>();
    for (Operation op : history.operations()) {
      if (op.input() instanceof Input.PlainGet get && !op.unknown()) {
        keys.add(get.key());
        CheckResult.Violation v = unwritten(op, writes);
        if (v != null) {
          return v;
        }
        streams.computeIfAbsent(List.of(op.client(), get.member(), get.key()), k -> new ArrayList<>()).add(op);
      }
    }
    for (List<Operation> stream : streams.values()) {
      CheckResult.Violation v = backwards(stream, writes);
      if (v != null) {
        return v;
      }
    }
    return new CheckResult.Passed(keys.size(), 0);
  }

  /** A violation if {@code read} found a value no write could have put there; else null. */
  private static CheckResult.Violation unwritten(Operation read, Writes writes) {
    if (!(output(read) instanceof Output.Found found)) {
      return null;
    }
    String key = read.input().key();
    Operation known = writes.knownAt(key, found.modifiedIndex());
    if (known != null && writtenValue(known).equals(found.value()) && known.invokeTick() <= read.returnTick()) {
      return null;
    }
    boolean indexTaken = writes.indexTaken(found.modifiedIndex());
    for (Operation w : writes.unknown(key)) {
      if (!indexTaken && writtenValue(w).equals(found.value()) && w.invokeTick() <= read.returnTick()) {
        return null;
      }
    }
    List<Operation> involved = new ArrayList<>();
    involved.add(read);
    StringBuilder text = new StringBuilder("a plain read found a value no write put there:\n  ")
        .append(OperationText.of(read)).append('\n');
    if (known != null) {
      text.append("index ").append(found.modifiedIndex()).append(" is this write's:\n  ").append(OperationText.of(known))
          .append('\n');
      involved.add(known);
    } else {
      text.append("no write on ").append(key).append(" answered ok at index ").append(found.modifiedIndex())
          .append(indexTaken ? " (another key's write took it)" : "").append('\n');
    }
    return new CheckResult.Violation(key, text.toString(), involved);
  }

  /** A violation if one client's reads at one member of one key went back in time; else null. */
  private static CheckResult.Violation backwards(List<Operation> stream, Writes writes) {
    List<Operation> byReturn = new ArrayList<>(stream);
    byReturn.sort(Comparator.comparingLong(Operation::returnTick));
    stream.sort(Comparator.comparingLong(Operation::invokeTick));
    Operation newest = null;
    int returned = 0;
    for (Operation read : stream) {
      // the reads that returned before this one was invoked, and the highest index among them
      while (returned < byReturn.size() && byReturn.get(returned).returnTick() < read.invokeTick()) {
        Operation earlier = byReturn.get(returned++);
        if (output(earlier) instanceof Output.Found f && (newest == null || f.modifiedIndex() > index(newest))) {
          newest = earlier;
        }
      }
      if (newest == null) {
        continue;
      }
      Output out = output(read);
      if (out instanceof Output.Found f && f.modifiedIndex() < index(newest)) {
        return goneBack(read, newest, "found an older index");
      }
      if (out instanceof Output.NotFound && !writes.deletedAfter(read.input().key(), index(newest), read.returnTick())) {
        return goneBack(read, newest, "did not find the key, and no delete of it past that index was invoked by then");
      }
    }
    return null;
  }

  private static CheckResult.Violation goneBack(Operation read, Operation newest, String what) {
    Input.PlainGet get = (Input.PlainGet) read.input();
    String text = "member " + get.member() + "'s store went back for client " + read.client() + ": this read\n  "
        + OperationText.of(newest) + "\nreturned before this one was invoked, which " + what + ":\n  "
        + OperationText.of(read) + "\n";
    return new CheckResult.Violation(get.key(), text, List.of(newest, read));
  }

  private static Output output(Operation op) {
    return ((Outcome.Returned) op.outcome()).output();
  }

  private static long index(Operation read) {
    return ((Output.Found) output(read)).modifiedIndex();
  }

  static String writtenValue(Operation write) {
    return write.input() instanceof Input.Put p ? p.value() : ((Input.CompareAndSwap) write.input()).value();
  }
}

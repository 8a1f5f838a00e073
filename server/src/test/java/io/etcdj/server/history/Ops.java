package io.etcdj.server.history;

import io.etcdj.kvstore.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small language for writing histories by hand in tests, one line per operation:
 * {@code call(client, invokeTick, returnTick, put("x"), ok(1))}. Operations are numbered in the
 * order written; inputs are on {@link #KEY} unless a key is given.
 */
final class Ops {
  static final String KEY = "/a";

  private Ops() {}

  /** One operation before numbering; {@code output} is null for an unknown outcome. */
  record Spec(int client, long invokeTick, long returnTick, Input input, Output output) {}

  static History history(Spec... specs) {
    List<Operation> ops = new ArrayList<>();
    for (Spec s : specs) {
      Outcome outcome = s.output() == null ? Outcome.Unknown.INSTANCE : new Outcome.Returned(s.returnTick(), s.output());
      ops.add(new Operation(ops.size(), s.client(), s.input(), s.invokeTick(), outcome));
    }
    return new History(ops);
  }

  static Spec call(int client, long invokeTick, long returnTick, Input input, Output output) {
    return new Spec(client, invokeTick, returnTick, input, output);
  }

  /** Invoked, never answered: it may or may not have taken effect. */
  static Spec unknown(int client, long invokeTick, Input input) {
    return new Spec(client, invokeTick, Operation.NEVER, input, null);
  }

  static Input.Put put(String value) {
    return new Input.Put(KEY, value);
  }

  static Input.Put put(String key, String value) {
    return new Input.Put(key, value);
  }

  static Input.Get get() {
    return new Input.Get(KEY);
  }

  static Input.Get get(String key) {
    return new Input.Get(key);
  }

  static Input.PlainGet plainGet(int member) {
    return new Input.PlainGet(KEY, member);
  }

  static Input.CompareAndSwap cas(String prevValue, String value) {
    return new Input.CompareAndSwap(KEY, prevValue, value);
  }

  static Input.CompareAndDelete cad(String prevValue) {
    return new Input.CompareAndDelete(KEY, prevValue);
  }

  static Input.Delete delete() {
    return new Input.Delete(KEY);
  }

  /** A write onto an absent key. */
  static Output.Ok ok(long modifiedIndex) {
    return Output.Ok.created(modifiedIndex);
  }

  /** A write over (or a delete of) {@code prevValue}. */
  static Output.Ok ok(long modifiedIndex, String prevValue) {
    return Output.Ok.replaced(modifiedIndex, prevValue);
  }

  static Output.Found found(String value, long modifiedIndex) {
    return new Output.Found(value, modifiedIndex);
  }

  static Output.NotFound notFound() {
    return Output.NotFound.INSTANCE;
  }

  static Output.Err keyNotFound() {
    return new Output.Err(ErrorCode.KEY_NOT_FOUND);
  }

  static Output.Err compareFailed() {
    return new Output.Err(ErrorCode.TEST_FAILED);
  }
}

package io.etcdj.kvstore;

import io.etcdj.kvstore.StoreCommand.PrevExist;
import java.nio.charset.StandardCharsets;

/** Short builders for the commands tests apply, and accessors for their results. */
final class Commands {
  static final long T0 = 1_764_000_000_000L; // 2025-11-24T16:00:00Z

  private Commands() {}

  static StoreCommand set(String path, String value) {
    return new StoreCommand.Put(path, value, false, 0, false, PrevExist.UNSET, "", 0, T0);
  }

  static StoreCommand setTtl(String path, String value, long expireAtMs, long timeMs) {
    return new StoreCommand.Put(path, value, false, expireAtMs, false, PrevExist.UNSET, "", 0, timeMs);
  }

  static StoreCommand refresh(String path, long expireAtMs, long timeMs) {
    return new StoreCommand.Put(path, "", false, expireAtMs, true, PrevExist.UNSET, "", 0, timeMs);
  }

  static StoreCommand mkdir(String path) {
    return new StoreCommand.Put(path, "", true, 0, false, PrevExist.UNSET, "", 0, T0);
  }

  static StoreCommand create(String path, String value) {
    return new StoreCommand.Put(path, value, false, 0, false, PrevExist.FALSE, "", 0, T0);
  }

  static StoreCommand update(String path, String value) {
    return new StoreCommand.Put(path, value, false, 0, false, PrevExist.TRUE, "", 0, T0);
  }

  static StoreCommand cas(String path, String prevValue, long prevIndex, String value) {
    return new StoreCommand.Put(path, value, false, 0, false, PrevExist.UNSET, prevValue, prevIndex, T0);
  }

  static StoreCommand post(String path, String value) {
    return new StoreCommand.Post(path, value, false, 0, T0);
  }

  static StoreCommand delete(String path) {
    return new StoreCommand.Delete(path, false, false, "", 0, T0);
  }

  static StoreCommand deleteDir(String path, boolean recursive) {
    return new StoreCommand.Delete(path, true, recursive, "", 0, T0);
  }

  static StoreCommand cad(String path, String prevValue, long prevIndex) {
    return new StoreCommand.Delete(path, false, false, prevValue, prevIndex, T0);
  }

  static StoreCommand expire(long timeMs) {
    return new StoreCommand.Expire(timeMs);
  }

  static Event ok(StoreResult r) {
    if (r instanceof StoreResult.Ok ok) {
      return ok.event();
    }
    throw new AssertionError("expected success, got " + json(((StoreResult.Err) r).error().toJson()));
  }

  static StoreError err(StoreResult r) {
    if (r instanceof StoreResult.Err err) {
      return err.error();
    }
    throw new AssertionError("expected an error, got " + ((StoreResult.Ok) r).event());
  }

  static String json(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String json(EventJson j) {
    return j.utf8();
  }

  static String json(Event e) {
    return json(e.json());
  }
}

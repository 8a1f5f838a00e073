package io.etcdj.jmh;

import io.etcdj.http.auth.AuthGate;
import io.etcdj.http.auth.AuthState;
import io.etcdj.http.auth.PasswordHasher;
import io.etcdj.http.keys.KeyAccess;
import io.etcdj.kvstore.Store;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.server.KeysBackend;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What v2 auth adds to a /v2/keys PUT before it is proposed: the gate's check with auth disabled
 * (the hot path everyone pays), with auth on for an anonymous client (guest role), and with
 * Basic credentials of a user whose role grants write on "/*" (a credential-cache hit: SHA-256,
 * no bcrypt). Compare with the ~25-30 us of CPU a whole PUT costs the server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthGateBenchmark {
  @Param({"disabled", "anonymous", "basic"})
  String mode;

  private AuthGate gate;
  private HttpHeaders headers;

  @Setup public void setUp() {
    Store store = Store.etcdV2(1000);
    put(store, "/2/users/root", "{\"user\":\"root\",\"password\":\"" + PasswordHasher.hash("rootpw")
        + "\",\"roles\":[\"root\"]}");
    put(store, "/2/users/bench", "{\"user\":\"bench\",\"password\":\"" + PasswordHasher.hash("benchpw")
        + "\",\"roles\":[\"writer\"]}");
    put(store, "/2/roles/writer", "{\"role\":\"writer\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}");
    put(store, "/2/roles/guest", "{\"role\":\"guest\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}");
    put(store, "/2/enabled", mode.equals("disabled") ? "false" : "true");
    gate = new AuthGate(new AuthState(backendOf(store)));
    headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    if (mode.equals("basic")) {
      headers.set("Authorization", "Basic "
          + Base64.getEncoder().encodeToString("bench:benchpw".getBytes(StandardCharsets.UTF_8)));
    }
    if (!gate.allows(headers, "PUT", "/bench/k42", false)) { // judges the credentials once
      throw new IllegalStateException("the benchmark's request is refused");
    }
  }

  /** KeysEndpoint's question: open, or else allowed for this request. */
  @Benchmark public boolean check() {
    return gate.open() || gate.check(headers, "PUT", "/bench/k42", false) == KeyAccess.Verdict.ALLOWED;
  }

  private static void put(Store store, String path, String value) {
    store.apply(new StoreCommand.Put(path, value, false, 0, false, StoreCommand.PrevExist.UNSET, "", 0, 1));
  }

  private static KeysBackend backendOf(Store store) {
    return new KeysBackend() {
      @Override public CompletableFuture<StoreResult> propose(StoreCommand command) {
        throw new UnsupportedOperationException();
      }

      @Override public CompletableFuture<Void> readBarrier() { throw new UnsupportedOperationException(); }

      @Override public StoreReader store() { return store; }

      @Override public long raftIndex() { return 0; }

      @Override public long raftTerm() { return 0; }

      @Override public String clusterIdHex() { return "1"; }

      @Override public long nowMs() { return 1; }
    };
  }
}

package io.etcdj.jmh;

import io.etcdj.kvstore.CommandCodec;
import io.etcdj.kvstore.StoreCommand;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A PUT's command to and from its log entry bytes (256-byte value, the 8-byte request id in
 * front): the event loop encodes every proposal, the apply thread decodes every entry. Run with
 * {@code -prof gc} to see the bytes allocated per operation, which is what a small heap pays for
 * in collector cycles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommandCodecBenchmark {
  private StoreCommand.Put put;
  private byte[] encoded;

  @Setup public void setUp() {
    put = new StoreCommand.Put("/bench/k1234", "x".repeat(256), false, 0, false,
        StoreCommand.PrevExist.UNSET, null, 0, 1_700_000_000_000L);
    encoded = CommandCodec.encode(put, 8);
  }

  @Benchmark public byte[] encodePut() {
    return CommandCodec.encode(put, 8);
  }

  @Benchmark public StoreCommand decodePut() {
    return CommandCodec.decode(encoded, 8);
  }
}

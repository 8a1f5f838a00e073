package io.etcdj.jmh;

import io.etcdj.kvstore.Event;
import io.etcdj.kvstore.EventJson;
import io.etcdj.kvstore.NodeView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Event.json() of a typical "set" event (a 64-byte value replacing a previous one). A new Event
 * each time, since an event encodes itself once and caches the bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventJsonBenchmark {
  private final NodeView node = new NodeView("/registry/services/web-7f9c", false,
      "{\"host\":\"10.0.3.17\",\"port\":8080,\"weight\":10,\"zone\":\"eu-west-1a\"}", 1041, 2077, null, 0, null);
  private final NodeView prev = new NodeView("/registry/services/web-7f9c", false,
      "{\"host\":\"10.0.3.17\",\"port\":8080,\"weight\":5,\"zone\":\"eu-west-1a\"}", 1041, 1990, null, 0, null);

  @Benchmark public EventJson encodeSetEvent() {
    return new Event("set", node, prev, 2077).json();
  }
}

package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded scenario: the steps a real etcd 3.4 answered, in order (see
 * tools/etcd-fixtures/README.md for how they are recorded and what each step kind means).
 *
 * @param raftIndexVolatile etcd kept TTL keys alive during this scenario, so it proposed SYNC
 *     entries every 500 ms and its X-Raft-Index drifted with time: not compared here, and the
 *     next scenario re-learns the offset between etcd's and etcdj's raft index.
 */
record FixtureScenario(
    String file, String name, String description, boolean raftIndexVolatile, List<JsonNode> steps) {

  static final String ROOT = "/etcd-fixtures/";

  /** Every scenario listed in index.json, in recorded order (the order indexes depend on). */
  static List<FixtureScenario> loadAll(ObjectMapper json) {
    JsonNode index = read(json, "index.json");
    List<FixtureScenario> scenarios = new ArrayList<>();
    for (JsonNode file : index.get("scenarios")) {
      JsonNode fixture = read(json, file.asText());
      List<JsonNode> steps = new ArrayList<>();
      fixture.get("steps").forEach(steps::add);
      scenarios.add(new FixtureScenario(file.asText(), fixture.get("scenario").asText(),
          fixture.get("description").asText(), fixture.path("raftIndexVolatile").asBoolean(false),
          List.copyOf(steps)));
    }
    return List.copyOf(scenarios);
  }

  private static JsonNode read(ObjectMapper json, String name) {
    try (InputStream in = FixtureScenario.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + ROOT + name);
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

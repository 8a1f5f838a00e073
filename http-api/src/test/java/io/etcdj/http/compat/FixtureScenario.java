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

  /** Every single-member scenario listed in index.json, in recorded order (the order indexes depend on). */
  static List<FixtureScenario> loadAll(ObjectMapper json) {
    return loadAll(json, ROOT);
  }

  /** Every scenario of the recording under {@code root} (a resource directory), in recorded order. */
  static List<FixtureScenario> loadAll(ObjectMapper json, String root) {
    JsonNode index = index(json, root);
    List<FixtureScenario> scenarios = new ArrayList<>();
    for (JsonNode file : index.get("scenarios")) {
      JsonNode fixture = read(json, root + file.asText());
      List<JsonNode> steps = new ArrayList<>();
      fixture.get("steps").forEach(steps::add);
      scenarios.add(new FixtureScenario(file.asText(), fixture.get("scenario").asText(),
          fixture.get("description").asText(), fixture.path("raftIndexVolatile").asBoolean(false),
          List.copyOf(steps)));
    }
    return List.copyOf(scenarios);
  }

  /** The recording's index.json: its scenarios and, for a cluster, its members. */
  static JsonNode index(ObjectMapper json, String root) {
    return read(json, root + "index.json");
  }

  private static JsonNode read(ObjectMapper json, String resource) {
    try (InputStream in = FixtureScenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

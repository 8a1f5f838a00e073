package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Step kinds beyond the single-member ones (a cluster replay's settle, kill, awaitNoLeader),
 * and steps the replay deliberately does not send: run by whoever owns what they act on.
 */
interface ExtraSteps {
  ExtraSteps NONE = new ExtraSteps() { };

  /** The differences of a step of a kind the replayer does not know; empty if it is not one. */
  default Optional<List<String>> run(JsonNode step) { return Optional.empty(); }

  /** Why this step is not replayed (a documented deviation), if it is not. */
  default Optional<String> skipped(JsonNode step) { return Optional.empty(); }
}

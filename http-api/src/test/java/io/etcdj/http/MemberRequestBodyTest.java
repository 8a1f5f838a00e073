package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The body of POST and PUT /v2/members must be read as etcd 3.4 reads it. Every case is what a
 * real etcd answered (tools/etcd-fixtures/members_parse.py): its 400 message, or the peer URLs it
 * stored for the body.
 */
class MemberRequestBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> readsEveryRecordedBodyAsEtcdDid() throws IOException {
    JsonNode recorded;
    try (InputStream in = getClass().getResourceAsStream("/etcd-fixtures/members-parse.json")) {
      recorded = JSON.readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : recorded.get("cases")) {
      String body = c.get("body").asText();
      tests.add(DynamicTest.dynamicTest(body, () -> {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (c.has("refused")) {
          assertThatThrownBy(() -> MemberRequestBody.peerUrls(bytes))
              .isInstanceOf(MemberRequestBody.Invalid.class).hasMessage(c.get("refused").asText());
        } else {
          List<String> stored = new ArrayList<>();
          c.get("stored").forEach(u -> stored.add(u.asText()));
          assertThat(MemberRequestBody.peerUrls(bytes)).containsExactlyElementsOf(stored);
        }
      }));
    }
    return tests.stream();
  }
}

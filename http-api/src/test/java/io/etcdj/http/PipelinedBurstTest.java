package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hundred PUTs pipelined in one write, then the half-close: etcd 3.4.23 answered all 300
 * with 201, in order (Go reads one request at a time); etcdj used to close after 128 unanswered
 * requests (HttpServerCodec's limit) with none of them answered.
 */
class PipelinedBurstTest {
  @TempDir Path dir;

  @Test void everyPipelinedWriteIsAnsweredInOrder() throws IOException {
    EtcdjServer server = SingleMember.start(dir);
    try {
      URI base = server.clientUrls().get(0);
      StringBuilder requests = new StringBuilder();
      for (int i = 0; i < 300; i++) {
        requests.append("PUT /v2/keys/p/").append(i).append(" HTTP/1.1\r\nHost: h\r\n")
            .append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nvalue=1");
      }
      List<WireExchange.Answer> answers = WireExchange.answers(base, requests.toString(), true);
      assertThat(answers).hasSize(300);
      for (int i = 0; i < 300; i++) {
        assertThat(answers.get(i).status()).isEqualTo(201);
        assertThat(answers.get(i).body()).contains("\"key\":\"/p/" + i + "\"");
      }
    } finally {
      server.close();
    }
  }
}

package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** float64 values must be written as Go's encoding/json writes them (/v2/stats bodies). */
class GoFloatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Numbers with a fraction or an exponent, or integers too long to be counters. */
  private static final Pattern FLOAT = Pattern.compile("(?<![\\w.\"])-?\\d+(\\.\\d+)?(e[-+]\\d+)?(?![\\w.\"])");

  @Test
  void writesEveryFloatEtcdWroteInTheClusterRecordingAsEtcdDid() throws IOException {
    List<String> literals = new ArrayList<>();
    for (String file : List.of("00-cluster-initial-state.json", "01-cluster-follower-keys.json",
        "03-cluster-members-add-remove.json", "05-cluster-no-leader.json")) {
      try (InputStream in = getClass().getResourceAsStream("/etcd-fixtures/cluster/" + file)) {
        for (JsonNode step : JSON.readTree(in).get("steps")) {
          String body = step.path("response").path("body").asText("");
          if (body.startsWith("{\"leader\"") || body.startsWith("{\"name\"")) {
            Matcher m = FLOAT.matcher(body);
            while (m.find()) {
              if (m.group().contains(".") || m.group().contains("e") || m.group().length() > 15) {
                literals.add(m.group());
              }
            }
          }
        }
      }
    }

    assertThat(literals).hasSizeGreaterThan(30).contains("9223372036854776000", "0.0040723999999999995");
    for (String literal : literals) {
      assertThat(GoFloat.format(Double.parseDouble(literal))).as(literal).isEqualTo(literal);
    }
  }

  @Test
  void writesMagnitudesBelowOneMillionthWithAnExponentGoTrimsToOneDigit() {
    assertThat(GoFloat.format(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(GoFloat.format(1e-10)).isEqualTo("1e-10");
    assertThat(GoFloat.format(0.000001)).isEqualTo("0.000001");
  }

  @Test
  void writesMagnitudesFromOneE21WithAnExponent() {
    assertThat(GoFloat.format(1e21)).isEqualTo("1e+21");
    assertThat(GoFloat.format(-1.25e22)).isEqualTo("-1.25e+22");
    assertThat(GoFloat.format(9.99999999999999e20)).isEqualTo("999999999999999000000");
  }

  @Test
  void writesWholeNumbersWithoutAFraction() {
    assertThat(GoFloat.format(0)).isEqualTo("0");
    assertThat(GoFloat.format(566.0)).isEqualTo("566");
  }
}

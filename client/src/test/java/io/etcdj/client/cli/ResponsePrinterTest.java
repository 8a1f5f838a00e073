package io.etcdj.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.client.Node;
import io.etcdj.client.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsePrinterTest {
  private static final Node FOO = new Node("/foo", "bar2", false, 0, null, 5, 5, null);
  private static final Node PREV = new Node("/foo", "bar", false, 0, null, 4, 4, null);

  private static String print(Response r, OutputFormat f) {
    StringWriter sw = new StringWriter();
    ResponsePrinter.print(new PrintWriter(sw), r, f);
    return sw.toString();
  }

  @Test void simplePrintsTheValue() {
    assertThat(print(new Response("set", FOO, PREV, 5, 0, 0), OutputFormat.SIMPLE)).isEqualTo("bar2\n");
  }

  @Test void simplePrintsThePreviousValueOfADelete() {
    Node deleted = new Node("/foo", null, false, 0, null, 4, 6, null);
    assertThat(print(new Response("delete", deleted, PREV, 6, 0, 0), OutputFormat.SIMPLE))
        .isEqualTo("PrevNode.Value: bar\n");
  }

  @Test void extendedPrintsTheRfc2822StyleBlock() {
    assertThat(print(new Response("set", FOO, PREV, 6, 0, 0), OutputFormat.EXTENDED)).isEqualTo(
        "Key: /foo\nCreated-Index: 5\nModified-Index: 5\nPrevNode.Value: bar\nTTL: 0\nIndex: 6\n\nbar2\n");
  }

  @Test void jsonMatchesGoEncodingOfTheGoClientStructs() {
    assertThat(print(new Response("set", FOO, PREV, 5, 0, 0), OutputFormat.JSON)).isEqualTo(
        "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar2\",\"nodes\":null,\"createdIndex\":5,"
            + "\"modifiedIndex\":5},\"prevNode\":{\"key\":\"/foo\",\"value\":\"bar\",\"nodes\":null,"
            + "\"createdIndex\":4,\"modifiedIndex\":4}}\n");
  }

  @Test void jsonShowsDirTtlExpirationAndChildrenOnlyWhenSet() {
    Node child = new Node("/d/a", "1", false, 0, null, 9, 9, null);
    Node dir = new Node("/d", null, true, 100, "2026-11-25T20:27:25.917152931Z", 8, 8, List.of(child));
    assertThat(GoJson.response(new Response("get", dir, null, 9, 0, 0))).isEqualTo(
        "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"value\":\"\",\"nodes\":[{\"key\":\"/d/a\","
            + "\"value\":\"1\",\"nodes\":null,\"createdIndex\":9,\"modifiedIndex\":9}],\"createdIndex\":8,"
            + "\"modifiedIndex\":8,\"expiration\":\"2026-11-25T20:27:25.917152931Z\",\"ttl\":100},\"prevNode\":null}");
  }

  @Test void jsonEscapesHtmlCharactersAsGoDoes() {
    Node n = new Node("/k", "a<b&c>\"d\"\n", false, 0, null, 1, 1, null);
    assertThat(GoJson.response(new Response("get", n, null, 1, 0, 0)))
        .contains("\"value\":\"a\\u003cb\\u0026c\\u003e\\\"d\\\"\\n\"");
  }
}

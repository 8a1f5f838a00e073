package io.etcdj.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.client.TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EtcdjCtlTest {
  private static TestServer server;
  private static String endpoint;

  record Run(int code, String out, String err) {}

  @BeforeAll static void startServer() {
    server = TestServer.start();
    endpoint = server.endpoint().toString();
  }

  @AfterAll static void stopServer() {
    if (server != null) server.close();
  }

  private static Run ctl(String... args) {
    return ctlWithStdin("", args);
  }

  private static Run ctlWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--endpoints";
    all[1] = endpoint;
    System.arraycopy(args, 0, all, 2, args.length);
    int code = EtcdjCtl.run(all, new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(code, out.toString(), err.toString());
  }

  private static String prefix() { return "/c" + UUID.randomUUID().toString().replace("-", ""); }

  @Test void setPrintsTheValueAndGetReadsItBack() {
    String key = prefix() + "/foo";
    assertThat(ctl("set", key, "bar")).isEqualTo(new Run(0, "bar\n", ""));
    assertThat(ctl("get", key)).isEqualTo(new Run(0, "bar\n", ""));
  }

  @Test void getOfAMissingKeyPrintsEtcdctlsErrorLineAndExitsFour() {
    String dir = prefix();
    ctl("set", dir + "/present", "x"); // etcd names the first missing path segment as the cause
    String key = dir + "/nokey";
    Run r = ctl("get", key);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).matches("Error:  100: Key not found \\(" + key + "\\) \\[\\d+\\]\n");
  }

  @Test void getOfADirectoryExitsOneSayingSo() {
    String dir = prefix() + "/d";
    assertThat(ctl("mkdir", dir).code()).isZero();
    assertThat(ctl("get", dir)).isEqualTo(new Run(1, "", dir + ": is a directory\n"));
  }

  @Test void mkOnAnExistingKeyFailsWith105() {
    String key = prefix() + "/k";
    assertThat(ctl("mk", key, "1").code()).isZero();
    Run r = ctl("mk", key, "2");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).startsWith("Error:  105: Key already exists (" + key + ")");
  }

  @Test void lsRecursiveWithSlashMarksDirectories() {
    String dir = prefix() + "/d";
    ctl("set", dir + "/a", "1");
    ctl("mkdir", dir + "/sub");
    ctl("set", dir + "/sub/c", "3");
    assertThat(ctl("ls", dir, "--recursive", "--sort", "-p"))
        .isEqualTo(new Run(0, dir + "/a\n" + dir + "/sub/\n" + dir + "/sub/c\n", ""));
  }

  @Test void rmOfADirectoryWithoutFlagsFailsNotAFile() {
    String dir = prefix() + "/d";
    ctl("set", dir + "/a", "1");
    Run r = ctl("rm", dir);
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).startsWith("Error:  102: Not a file (" + dir + ")");
    assertThat(ctl("rm", "--recursive", dir)).isEqualTo(new Run(0, "", ""));
  }

  @Test void rmPrintsThePreviousValue() {
    String key = prefix() + "/k";
    ctl("set", key, "v");
    assertThat(ctl("rm", key)).isEqualTo(new Run(0, "PrevNode.Value: v\n", ""));
  }

  @Test void setWithSwapWithValueFailsWhenTheValueDiffers() {
    String key = prefix() + "/k";
    ctl("set", key, "v");
    Run r = ctl("set", key, "w", "--swap-with-value", "wrong");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).startsWith("Error:  101: Compare failed ([wrong != v])");
  }

  @Test void extendedOutputShowsIndexesAndTtl() {
    String key = prefix() + "/k";
    Run r = ctl("-o", "extended", "set", "--ttl", "100", key, "v");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Key: " + key + "\nCreated-Index: ")
        .containsPattern("\nTTL: (99|100)\nIndex: \\d+\n\nv\n$");
  }

  @Test void jsonOutputIsOneGoStyleLine() {
    String key = prefix() + "/k";
    Run r = ctl("-o", "json", "set", key, "v");
    assertThat(r.out()).matches("\\{\"action\":\"set\",\"node\":\\{\"key\":\"" + key
        + "\",\"value\":\"v\",\"nodes\":null,\"createdIndex\":\\d+,\"modifiedIndex\":\\d+\\},\"prevNode\":null\\}\n");
  }

  @Test void setReadsTheValueFromStdinWhenItIsNotGiven() {
    String key = prefix() + "/k";
    assertThat(ctlWithStdin("from-stdin", "set", key).out()).isEqualTo("from-stdin\n");
  }

  @Test void missingKeyArgumentIsABadArgument() {
    assertThat(ctl("get")).isEqualTo(new Run(1, "", "Error:  key required\n"));
  }

  @Test void watchAfterIndexPrintsTheNextEvent() {
    String key = prefix() + "/k";
    Run set = ctl("-o", "json", "set", key, "v1");
    long index = Long.parseLong(set.out().replaceAll(".*\"modifiedIndex\":(\\d+).*\\s*", "$1"));
    ctl("set", key, "v2");
    assertThat(ctl("watch", "--after-index", Long.toString(index), key)).isEqualTo(new Run(0, "v2\n", ""));
  }

  @Test void execWatchRunsTheCommandWithTheEventInItsEnvironment(@TempDir Path tmp) throws Exception {
    String key = prefix() + "/k";
    Run set = ctl("-o", "json", "set", key, "v1");
    long index = Long.parseLong(set.out().replaceAll(".*\"modifiedIndex\":(\\d+).*\\s*", "$1"));
    ctl("set", key, "v2");
    Path out = tmp.resolve("out");
    Run r = ctl("exec-watch", "--count", "1", "--after-index", Long.toString(index), key, "--",
        "sh", "-c", "echo \"$ETCD_WATCH_ACTION $ETCD_WATCH_KEY $ETCD_WATCH_VALUE\" > " + out);
    assertThat(r.code()).isZero();
    assertThat(Files.readString(out)).isEqualTo("set " + key + " v2\n");
  }

  @Test void memberListAndClusterHealthReportTheMember() {
    Run members = ctl("member", "list");
    assertThat(members.code()).isZero();
    assertThat(members.out()).contains("isLeader=true");
    Run health = ctl("cluster-health");
    assertThat(health.out()).endsWith("cluster is healthy\n");
    assertThat(health.code()).isZero();
  }
}

package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go's ServeMux cleanPath, whose changes etcd answers with a 301. */
class PathCleanerTest {
  @Test void cleanPathsAreReturnedUnchanged() {
    for (String p : new String[] {"/", "/v2/keys", "/v2/keys/", "/v2/keys/a/b/", "/.hidden", "/..x", "/a/.b"}) {
      assertThat(PathCleaner.clean(p)).isSameAs(p);
    }
  }

  @Test void dotSegmentsAndDoubleSlashesAreRemovedKeepingATrailingSlash() {
    assertThat(PathCleaner.clean("/v2//keys")).isEqualTo("/v2/keys");
    assertThat(PathCleaner.clean("/v2/./k")).isEqualTo("/v2/k");
    assertThat(PathCleaner.clean("/v2/../k/")).isEqualTo("/k/");
    assertThat(PathCleaner.clean("/v2/keys/..")).isEqualTo("/v2");
    assertThat(PathCleaner.clean("/../..")).isEqualTo("/");
    assertThat(PathCleaner.clean("")).isEqualTo("/");
  }
}

package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {
  @TempDir Path dir;

  @Test void copiesRocksDbsLibraryUnderTheNameItLoadsByReplacingAStaleCopy() throws Exception {
    String name = org.rocksdb.util.Environment.getJniLibraryFileName("rocksdb");
    Path target = dir.resolve("startup");
    Path first = StartupTraining.copyRocksDbLibrary(target);
    assertThat(first).isEqualTo(target.resolve(name));
    Files.writeString(first, "stale");
    Path second = StartupTraining.copyRocksDbLibrary(target);
    long originalBytes;
    try (InputStream original = getClass().getClassLoader().getResourceAsStream(name)) {
      originalBytes = original.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(Files.size(second)).isEqualTo(originalBytes).isGreaterThan(1_000_000);
    try (var files = Files.list(target)) {
      assertThat(files).containsExactly(second); // no partial copy left behind
    }
  }
}

package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's flag syntax as etcd 3.4 reads its command line (flag.FlagSet.Parse, then etcd's checks). */
class FlagParserTest {
  private static ParsedFlags parse(String... args) { return FlagParser.parse(args, Map.of()); }

  @Test void booleanFlagNeverTakesTheNextArgumentAsItsValue() {
    assertThat(parse("--enable-v2", "--name", "a").values()).containsEntry("enable-v2", "true").containsEntry("name", "a");
    assertThatThrownBy(() -> parse("--enable-v2", "false"))
        .isInstanceOf(FlagException.class)
        .hasMessage("'false' is not a valid flag. See 'etcdj --help'.");
  }

  @Test void booleanFlagTakesAnAttachedValue() {
    assertThat(parse("-enable-v2=false").values()).containsEntry("enable-v2", "false");
  }

  @Test void valueFlagTakesTheNextArgumentEvenWhenItLooksLikeAFlag() {
    assertThat(parse("--name", "--data-dir").values()).containsOnlyKeys("name").containsEntry("name", "--data-dir");
  }

  @Test void attachedValueKeepsEverythingAfterTheFirstEqualsSign() {
    assertThat(parse("--initial-cluster=a=http://127.0.0.1:1", "--name=").values())
        .containsEntry("initial-cluster", "a=http://127.0.0.1:1").containsEntry("name", "");
  }

  @Test void doubleDashEndsTheFlagsAndWhatFollowsIsRejected() {
    assertThat(parse("--name", "a", "--").values()).containsEntry("name", "a");
    assertThatThrownBy(() -> parse("--", "--name", "a")).hasMessageStartingWith("'--name' is not a valid flag");
  }

  @Test void loneDashIsAnArgumentNotAFlag() {
    assertThatThrownBy(() -> parse("-")).hasMessageStartingWith("'-' is not a valid flag")
        .extracting(e -> ((FlagException) e).exitCode()).isEqualTo(2);
  }

  @Test void ignoredFlagIsNotedOnceHoweverOftenItIsGiven() {
    ParsedFlags flags = parse("--max-wals", "1", "--max-wals=2", "--logger", "zap");
    assertThat(flags.notes()).containsExactly(
        "flag -max-wals is accepted for compatibility with etcd and ignored",
        "flag -logger is accepted for compatibility with etcd and ignored");
    assertThat(flags.values()).containsEntry("max-wals", "2");
  }

  @Test void helpIsRecognisedInEachOfGosSpellings() {
    for (String help : new String[] {"-h", "--h", "-help", "--help"}) {
      assertThat(parse("--name", "a", help).helpRequested()).as(help).isTrue();
    }
    assertThat(parse("--name", "a").helpRequested()).isFalse();
  }

  @Test void versionFalseIsNoVersionRequest() {
    assertThat(parse("--version=false").versionRequested()).isFalse();
    assertThat(parse("-version").versionRequested()).isTrue();
    assertThatThrownBy(() -> parse("--version=perhaps")).isInstanceOf(FlagException.class);
  }

  @Test void unknownFlagIsReportedBeforeHelp() {
    assertThatThrownBy(() -> parse("--help", "--bogus")).hasMessage("flag provided but not defined: -bogus");
  }

  @Test void usageListsTheFlagsEtcdjActsOnAndHidesTheIgnoredOnes() {
    assertThat(FlagParser.usage()).contains("--data-dir").contains("--initial-cluster-state")
        .doesNotContain("--max-wals");
  }
}

package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerUrlsTest {
  private static final URI DEAD = URI.create("http://127.0.0.1:1");
  private static final URI LIVE = URI.create("http://127.0.0.1:2");

  @Test
  void lanesThatAllFailOnTheSameUrlMoveOnOnce() {
    PeerUrls urls = new PeerUrls(List.of(DEAD, LIVE));

    urls.failed(DEAD); // the control lane's dial
    urls.failed(DEAD); // the append lane's, refused at the same moment

    assertThat(urls.current()).isEqualTo(LIVE);
  }

  @Test
  void aFailedDialOfTheCurrentUrlMovesOnRoundTheList() {
    PeerUrls urls = new PeerUrls(List.of(DEAD, LIVE));

    urls.failed(DEAD);
    urls.failed(LIVE);

    assertThat(urls.current()).isEqualTo(DEAD);
  }
}

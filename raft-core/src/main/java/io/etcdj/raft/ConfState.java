package io.etcdj.raft;

import java.util.List;

/** The voters of the configuration in force at some log index. */
public record ConfState(List<Long> voters) {
  public ConfState { voters = List.copyOf(voters); }
}

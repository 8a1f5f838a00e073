package io.etcdj.raft;

public enum StateRole { FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER }

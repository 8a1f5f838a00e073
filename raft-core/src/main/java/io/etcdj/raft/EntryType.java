package io.etcdj.raft;

public enum EntryType { NORMAL, CONF_CHANGE }

package io.etcdj.client.cli;

import io.etcdj.client.ClusterUnavailableException;
import io.etcdj.client.EtcdClient;
import io.etcdj.client.EtcdException;
import io.etcdj.client.Member;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "member", description = "member list subcommand",
    subcommands = MemberCommand.ListCommand.class)
final class MemberCommand {

  @Command(name = "list", description = "enumerate existing cluster members")
  static final class ListCommand extends CtlCommand {
    @Parameters(arity = "0..*", hidden = true) List<String> extra;

    @Override int run(EtcdClient client) {
      if (extra != null && !extra.isEmpty()) {
        err().println("No arguments accepted");
        err().flush();
        return ExitCode.BAD_ARGS;
      }
      List<Member> members;
      Member leader;
      try {
        members = client.members();
      } catch (EtcdException | ClusterUnavailableException e) {
        err().println(e.getMessage());
        err().flush();
        return ExitCode.BAD_ARGS;
      }
      try {
        leader = client.leader();
      } catch (EtcdException | ClusterUnavailableException e) {
        err().println("Failed to get leader:  " + e.getMessage());
        err().flush();
        return ExitCode.BAD_ARGS;
      }
      PrintWriter out = out();
      for (Member m : members) {
        if (m.name().isEmpty()) {
          out.println(m.id() + "[unstarted]: peerURLs=" + String.join(",", m.peerURLs()));
        } else {
          out.println(m.id() + ": name=" + m.name() + " peerURLs=" + String.join(",", m.peerURLs())
              + " clientURLs=" + String.join(",", m.clientURLs()) + " isLeader=" + m.id().equals(leader.id()));
        }
      }
      out.flush();
      return ExitCode.SUCCESS;
    }
  }
}

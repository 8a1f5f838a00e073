package io.etcdj.client.cli;

import io.etcdj.client.ClusterUnavailableException;
import io.etcdj.client.EtcdClient;
import io.etcdj.client.EtcdException;
import io.etcdj.client.Health;
import io.etcdj.client.Member;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "cluster-health", description = "check the health of the etcd cluster")
final class ClusterHealthCommand extends CtlCommand {

  @Override int run(EtcdClient client) {
    PrintWriter out = out();
    List<Member> members;
    try {
      members = client.members();
    } catch (EtcdException | ClusterUnavailableException e) {
      out.println("cluster may be unhealthy: failed to list members");
      out.flush();
      return fail(ExitCode.SERVER_ERROR, e);
    }
    int healthy = 0;
    for (Member m : members) {
      if (m.clientURLs().isEmpty()) {
        out.println("member " + m.id() + " is unreachable: no available published client urls");
        continue;
      }
      boolean checked = false;
      for (String url : m.clientURLs()) {
        Health h;
        try {
          h = client.health(URI.create(url));
        } catch (ClusterUnavailableException e) {
          out.println("failed to check the health of member " + m.id() + " on " + url + ": "
              + String.join("; ", e.endpointErrors()));
          continue;
        }
        checked = true;
        if (h.healthy()) {
          out.println("member " + m.id() + " is healthy: got healthy result from " + url);
          healthy++;
        } else {
          out.println("member " + m.id() + " is unhealthy: got unhealthy result from " + url);
        }
        break;
      }
      if (!checked) {
        out.println("member " + m.id() + " is unreachable: [" + String.join(" ", m.clientURLs())
            + "] are all unreachable");
      }
    }
    if (healthy == members.size()) {
      out.println("cluster is healthy");
    } else if (healthy == 0) {
      out.println("cluster is unavailable");
    } else {
      out.println("cluster is degraded");
    }
    out.flush();
    return healthy == members.size() ? ExitCode.SUCCESS : ExitCode.CLUSTER_NOT_HEALTHY;
  }
}

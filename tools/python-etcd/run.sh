#!/usr/bin/env bash
# Runs python-etcd's own integration tests (Debian's python3-etcd ships them) against a server
# binary, the way the suite means to be run: it starts `etcd` from PATH, so a directory holding
# `etcd` -> the chosen binary goes first in PATH.
#
#   tools/python-etcd/run.sh etcdj            # bin/etcdj as the suite's etcd
#   tools/python-etcd/run.sh etcd             # /usr/bin/etcd 3.4, for the side-by-side
#   tools/python-etcd/run.sh etcdj --modern   # the suite with its three dated certificate habits fixed (below)
#   MODULES=etcd.tests.integration.test_ssl tools/python-etcd/run.sh etcdj --modern   # one module
#   KEEP_LOGS=/tmp/servers.log tools/python-etcd/run.sh etcdj   # keeps the members' output
#
# Needs: apt-get install -y python3-etcd python3-nose (the suite imports nose.tools).
# --modern changes the copied suite, never the installed one:
#   - its test CA signs with SHA-1, which OpenSSL 3's default security level refuses, so every
#     TLS test fails at the client's handshake with etcd too: sign with SHA-256 instead;
#   - it starts the client-certificate group with `-ca-file`, which etcd 3.4 no longer has
#     ("flag provided but not defined: -ca-file"): use `-trusted-ca-file` and `-client-cert-auth`
#     (etcdj takes -ca-file as etcd 3.3 did; the change keeps the two servers' runs alike);
#   - its certificates are X.509 version 1 with v3 extensions, which RFC 5280 forbids; Go's parser
#     lets it pass, Java's refuses it ("no more data allowed for version 1 certificate"), so etcdj
#     will not start with them: make them version 3.
# The auth module (etcd.tests.test_auth) expects etcd 2.x's user and role listings (names only);
# etcd 3.4 answers full objects, so four of its tests fail on etcd 3.4 as on etcdj: left as is.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
server="${1:-etcdj}"; shift || true
modern=false
[[ "${1:-}" == "--modern" ]] && modern=true

case "$server" in
  etcdj) binary="$repo/bin/etcdj" ;;
  etcd) binary="$(command -v etcd)" ;;
  *) binary="$server" ;;
esac
python=/usr/bin/python3
suite_src="$("$python" -c 'import etcd, os; print(os.path.dirname(etcd.__file__))')"

work="$(mktemp -d /tmp/python-etcd.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/lib"
ln -s "$binary" "$work/bin/etcd"
cp -r "$suite_src" "$work/lib/etcd"
if $modern; then
  sed -i "s/cert.sign(\([a-z_]*\), 'sha1')/cert.sign(\1, 'sha256')/" "$work/lib/etcd/tests/integration/helpers.py"
  sed -i "s/^\( *\)cert = crypto.X509()$/&\n\1cert.set_version(2)/" "$work/lib/etcd/tests/integration/helpers.py"
  sed -i "s/'-ca-file=%s' % cls.ca_cert_path,/'-trusted-ca-file=%s' % cls.ca_cert_path, '-client-cert-auth',/" \
    "$work/lib/etcd/tests/integration/test_ssl.py"
fi
[[ "$server" == etcdj ]] && "$repo/bin/etcdj" --version >/dev/null  # builds the jar before the suite's 2 s start waits

cd "$work"
# The members the suite starts write to its stdout and stderr: those go to servers.log, the
# suite's own report to report.txt, so the two never interleave.
PATH="$work/bin:$PATH" PYTHONPATH="$work/lib" ETCD_ENABLE_V2=true MODULES="${MODULES:-}" "$python" - >"$work/servers.log" 2>&1 <<'PY' || true
import sys, unittest
import os
modules = (os.environ.get("MODULES") or "etcd.tests.integration.test_simple etcd.tests.integration.test_ssl etcd.tests.test_auth").split()
suite = unittest.defaultTestLoader.loadTestsFromNames(modules)
with open("report.txt", "w") as out:
    unittest.TextTestRunner(stream=out, verbosity=2).run(suite)
PY
cat "$work/report.txt"
if [[ -n "${KEEP_LOGS:-}" ]]; then cp "$work/servers.log" "$KEEP_LOGS"; fi

#!/usr/bin/env bash
# Certificates for ClientSanCheckTest, made with openssl 3.0, valid for 100 years (keys not kept):
#   ip-only.crt   self-signed, subjectAltName IP:127.0.0.1 only
#   no-san.crt    self-signed, no subjectAltName
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -out ip-only.crt -days 36500 \
  -subj "/CN=ip only" -addext "subjectAltName=IP:127.0.0.1"
openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -out no-san.crt -days 36500 -subj "/CN=no san"

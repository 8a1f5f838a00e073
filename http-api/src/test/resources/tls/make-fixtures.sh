#!/usr/bin/env bash
# Makes the TLS test fixtures in this directory with openssl (3.0 here), valid for 100 years.
# Run again only to replace them; tests read the files as they are.
#   ca.crt/ca.key          the trusted CA (RSA 2048)
#   server.crt/server.key  RSA, PKCS#8 key ("PRIVATE KEY"), SAN IP:127.0.0.1 and DNS:localhost,
#                          server and client auth (peers present it both ways)
#   server-pkcs1.key       the same key as PKCS#1 ("RSA PRIVATE KEY", what old `openssl genrsa` wrote)
#   ec.crt/ec.key          ECDSA P-256, SEC 1 key ("EC PRIVATE KEY", `openssl ecparam -genkey`)
#   client.crt/client.key  a client certificate signed by the CA
#   rogue-client.crt/.key  a client certificate signed by another CA (rogue-ca, not kept)
set -euo pipefail
cd "$(dirname "$0")"
days=36500
cat > san.ext <<'EXT'
subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth,clientAuth
keyUsage=digitalSignature,keyEncipherment
EXT
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days $days -subj "/CN=etcdj test CA"
sign() { # name subject signer-ca signer-key
  openssl req -new -key "$1.key" -out "$1.csr" -subj "$2"
  openssl x509 -req -in "$1.csr" -CA "$3.crt" -CAkey "$3.key" -CAcreateserial -days $days -extfile san.ext -out "$1.crt"
  rm -f "$1.csr"
}
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key
sign server "/CN=etcdj server" ca
openssl rsa -in server.key -traditional -out server-pkcs1.key
openssl ecparam -name prime256v1 -genkey -noout -out ec.key
sign ec "/CN=etcdj ec server" ca
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client.key
sign client "/CN=etcdj client" ca
openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue-ca.key -out rogue-ca.crt -days $days -subj "/CN=rogue CA"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rogue-client.key
sign rogue-client "/CN=rogue client" rogue-ca
rm -f rogue-ca.key rogue-ca.crt rogue-ca.srl ca.srl san.ext

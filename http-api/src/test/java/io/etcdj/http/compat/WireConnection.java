package io.etcdj.http.compat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One raw HTTP/1.1 connection, so the suite can send exactly the bytes etcd was sent (malformed
 * ones included) and read the answer piece by piece (a watch's headers before its event).
 * Owned by the test thread; blocking reads bounded by the socket timeout, never sleeps.
 */
final class WireConnection implements AutoCloseable {
  private enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  private final Socket socket;
  private final InputStream in;
  private long bytesReceived;
  private Framing framing = Framing.NONE;
  private long lengthRemaining;
  /** Body bytes already read off the socket but not yet consumed as an event. */
  private byte[] pending = new byte[0];

  private WireConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 65536);
  }

  static WireConnection open(String host, int port, int readTimeoutMs) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), readTimeoutMs);
    socket.setSoTimeout(readTimeoutMs);
    socket.setTcpNoDelay(true);
    return new WireConnection(socket);
  }

  void setReadTimeout(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  void send(byte[] request) throws IOException {
    socket.getOutputStream().write(request);
    socket.getOutputStream().flush();
  }

  /** True once any byte of a response arrived (tells "closed without answering" apart). */
  boolean receivedAnything() {
    return bytesReceived > 0;
  }

  /** Reads the status line and headers, and prepares to read the body the way it is framed. */
  WireResponse readHead(String requestMethod) throws IOException {
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("bad status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.add(new SimpleImmutableEntry<>(line.substring(0, Math.max(colon, 0)).trim(),
          colon < 0 ? "" : line.substring(colon + 1).trim()));
    }
    WireResponse head = new WireResponse(status, parts.length > 2 ? parts[2] : "", List.copyOf(headers),
        new byte[0]);
    if ("HEAD".equals(requestMethod) || status == 204 || status == 304 || status < 200) {
      framing = Framing.NONE;
    } else if (head.isChunked()) {
      framing = Framing.CHUNKED;
    } else if (head.header("Content-Length").isPresent()) {
      framing = Framing.LENGTH;
      lengthRemaining = Long.parseLong(head.header("Content-Length").get());
    } else {
      framing = Framing.UNTIL_CLOSE;
    }
    return head;
  }

  /** The rest of the body. */
  byte[] readBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(pending);
    pending = new byte[0];
    for (byte[] piece = readBodyPiece(); piece != null; piece = readBodyPiece()) {
      body.writeBytes(piece);
    }
    return body.toByteArray();
  }

  /** Reads until one complete JSON value (a watch event) is in hand; keeps what follows it. */
  JsonNode readJsonValue(ObjectMapper json) throws IOException {
    while (true) {
      JsonNode value = tryParse(json);
      if (value != null) {
        return value;
      }
      byte[] piece = readBodyPiece();
      if (piece == null) {
        throw new EOFException("body ended before a complete JSON value; got: "
            + new String(pending, StandardCharsets.UTF_8));
      }
      byte[] joined = Arrays.copyOf(pending, pending.length + piece.length);
      System.arraycopy(piece, 0, joined, pending.length, piece.length);
      pending = joined;
    }
  }

  /** After an event: true when the body ends there (only whitespace follows). */
  boolean bodyEndsHere() throws IOException {
    if (!isBlank(pending)) {
      return false;
    }
    pending = new byte[0];
    for (byte[] piece = readBodyPiece(); piece != null; piece = readBodyPiece()) {
      if (!isBlank(piece)) {
        pending = piece;
        return false;
      }
    }
    return true;
  }

  private JsonNode tryParse(ObjectMapper json) throws IOException {
    int start = 0;
    while (start < pending.length && Character.isWhitespace(pending[start])) {
      start++;
    }
    if (start == pending.length) {
      return null;
    }
    try (JsonParser parser = json.getFactory().createParser(pending, start, pending.length - start)) {
      JsonNode value = json.readTree(parser);
      int consumed = start + (int) parser.currentLocation().getByteOffset();
      pending = Arrays.copyOfRange(pending, Math.min(consumed, pending.length), pending.length);
      return value;
    } catch (JsonEOFException incomplete) {
      return null;
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** The next piece of body as framed, or null at its end. */
  private byte[] readBodyPiece() throws IOException {
    switch (framing) {
      case NONE:
        return null;
      case LENGTH: {
        if (lengthRemaining == 0) {
          return null;
        }
        byte[] piece = in.readNBytes((int) Math.min(lengthRemaining, 65536));
        if (piece.length == 0) {
          throw new EOFException("connection closed with " + lengthRemaining + " body bytes missing");
        }
        bytesReceived += piece.length;
        lengthRemaining -= piece.length;
        return piece;
      }
      case CHUNKED: {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (!readLine().isEmpty()) {
            // trailers: ignored
          }
          framing = Framing.NONE;
          return null;
        }
        byte[] piece = in.readNBytes(size);
        if (piece.length < size) {
          throw new EOFException("connection closed inside a chunk");
        }
        bytesReceived += size;
        if (!readLine().isEmpty()) {
          throw new IOException("chunk not followed by CRLF");
        }
        return piece;
      }
      case UNTIL_CLOSE: {
        byte[] buf = new byte[65536];
        int n = in.read(buf);
        if (n < 0) {
          framing = Framing.NONE;
          return null;
        }
        bytesReceived += n;
        return Arrays.copyOf(buf, n);
      }
      default:
        throw new IllegalStateException(framing.name());
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(bytesReceived == 0 ? "connection closed without a response"
            : "connection closed mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
      }
      bytesReceived++;
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a test socket: nothing to recover
    }
  }
}

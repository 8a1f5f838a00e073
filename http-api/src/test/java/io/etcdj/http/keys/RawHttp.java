package io.etcdj.http.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately dumb HTTP/1.1 client over one socket: sends bytes exactly as given (bad escapes,
 * pipelined requests) and reads responses one at a time, as a test needs to see them.
 */
final class RawHttp implements AutoCloseable {
  /** One response: status line, headers in wire order, body (de-chunked), chunks if chunked. */
  record Response(String statusLine, List<String[]> headers, String body, List<String> chunks) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    List<String> headerNames() {
      return headers.stream().map(h -> h[0]).toList();
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  RawHttp send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  static String request(String method, String target, String body) {
    StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: t\r\n");
    if (body != null) {
      b.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
          .append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n\r\n").append(body);
    } else {
      b.append("\r\n");
    }
    return b.toString();
  }

  Response exchange(String method, String target, String body) throws IOException {
    return send(request(method, target, body)).read(method.equals("HEAD"));
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Reads the response head only (for watches whose body is still to come). */
  Response readHead() throws IOException {
    String status = line();
    return new Response(status, headers(), "", List.of());
  }

  /** Reads the next chunk of a chunked body; null at the last chunk. */
  String readChunk() throws IOException {
    int size = Integer.parseInt(line().trim(), 16);
    if (size == 0) {
      line();
      return null;
    }
    String chunk = new String(in.readNBytes(size), StandardCharsets.UTF_8);
    line();
    return chunk;
  }

  /** True once the server has closed the connection (reads -1). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  Response read(boolean head) throws IOException {
    String status = line();
    List<String[]> headers = headers();
    Response partial = new Response(status, headers, "", List.of());
    List<String> chunks = new ArrayList<>();
    String body;
    String length = partial.header("Content-Length");
    if (head) {
      body = "";
    } else if ("chunked".equalsIgnoreCase(partial.header("Transfer-Encoding"))) {
      StringBuilder b = new StringBuilder();
      for (String c = readChunk(); c != null; c = readChunk()) {
        chunks.add(c);
        b.append(c);
      }
      body = b.toString();
    } else if (length != null) {
      body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    } else {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Response(status, headers, body, chunks);
  }

  private List<String[]> headers() throws IOException {
    List<String[]> headers = new ArrayList<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
    }
    return headers;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed after: " + b.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package com.example.trading.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the limit with {@code 413} and a problem document, before
 * anything parses them: at once when the declared {@code Content-Length} is over it, and while
 * reading when a body without one (chunked) grows past it ({@link TooLargeException}, which the
 * services' {@link ApiExceptionHandler} answers with the same 413).
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  public RequestBodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(413);
      response.setContentType("application/problem+json");
      response
          .getOutputStream()
          .write(
              ("{\"type\":\"/problems/request-too-large\",\"title\":\"Request body too large\","
                      + "\"status\":413,\"detail\":\""
                      + detail(maxBytes)
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  static String detail(long maxBytes) {
    return "A request body may have at most " + maxBytes + " bytes.";
  }

  /** A body read past the limit. */
  public static final class TooLargeException extends IOException {
    TooLargeException(long maxBytes) {
      super(detail(maxBytes));
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedStream(super.getInputStream(), maxBytes);
      }
      return limited;
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream body;
    private final long maxBytes;
    private long read;

    LimitedStream(ServletInputStream body, long maxBytes) {
      this.body = body;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = body.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = body.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLargeException {
      read += n;
      if (read > maxBytes) {
        throw new TooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return body.isFinished();
    }

    @Override
    public boolean isReady() {
      return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      body.setReadListener(listener);
    }
  }
}

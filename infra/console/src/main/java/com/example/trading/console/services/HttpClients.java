package com.example.trading.console.services;

import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The console's HTTP clients: each gives up soon, so a silent server cannot hold a page. */
public final class HttpClients {

  private HttpClients() {}

  public static RestClient withTimeouts(Duration connect, Duration read) {
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(connect);
    requests.setReadTimeout(read);
    return RestClient.builder().requestFactory(requests).build();
  }
}

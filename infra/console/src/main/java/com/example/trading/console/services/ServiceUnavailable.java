package com.example.trading.console.services;

import java.net.URI;

/** A service did not answer as the console needs it; the page says which one and why. */
public class ServiceUnavailable extends RuntimeException {

  private final TradingApis.Service service;

  public ServiceUnavailable(TradingApis.Service service, URI uri, String why) {
    super(service.name().toLowerCase() + " service at " + uri + ": " + why);
    this.service = service;
  }

  public TradingApis.Service service() {
    return service;
  }
}

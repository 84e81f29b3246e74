package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;

/** The SDK client a profile describes. */
final class Clients {

  private Clients() {
  }

  static TradingClient of(Profile profile) {
    return TradingClient.builder()
        .commandApi(profile.commandApi())
        .queryApi(profile.queryApi())
        .clientCredentials(profile.issuer(), profile.clientId(), profile.clientSecret(), profile.scope())
        .build();
  }
}

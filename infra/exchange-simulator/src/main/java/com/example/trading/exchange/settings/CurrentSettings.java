package com.example.trading.exchange.settings;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The resilience settings in force. Starts from the configured defaults; {@link #replace} switches
 * to new ones atomically, and every later call sees them. Thread-safe. Not persisted: a restart
 * returns to the configured defaults.
 */
public final class CurrentSettings implements Supplier<VenueSettings> {

  private volatile VenueSettings current;

  public CurrentSettings(VenueSettings initial) {
    this.current = Objects.requireNonNull(initial);
  }

  @Override
  public VenueSettings get() {
    return current;
  }

  public void replace(VenueSettings settings) {
    current = Objects.requireNonNull(settings);
  }
}

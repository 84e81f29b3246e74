package com.example.trading.command.order;

/**
 * A placement for an instrument the venue does not list: refused (400 naming the field), nothing
 * stored.
 */
public final class UnknownInstrumentException extends RuntimeException {

  UnknownInstrumentException(String instrument) {
    super("is not an instrument the venue lists: " + instrument);
  }
}

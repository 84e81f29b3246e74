package com.example.trading.command.web;

/** The accepted shapes of identifiers in requests (bounded, printable, no '/'). */
public final class Identifiers {

  /** Account ids and client order ids: 1–64 letters, digits, '.', '_', ':' or '-'. */
  public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";

  public static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_', ':' or '-'";

  /** Order ids: the lower-case UUIDs the command API gives orders. */
  public static final String ORDER_ID_PATTERN =
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

  public static final String ORDER_ID_MESSAGE = "must be an order id (a lower-case UUID)";

  /** Instruments and assets: an upper-case symbol of 1–16 characters. */
  public static final String SYMBOL_PATTERN = "^[A-Z][A-Z0-9.]{0,15}$";

  public static final String SYMBOL_MESSAGE =
      "must be an upper-case symbol of 1-16 letters, digits or '.'";

  private Identifiers() {}
}

package com.example.trading.projections.activities;

import com.example.trading.schemas.ViewDocuments;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A document of the account-activities view (index {@code account-activities}), one of two kinds:
 *
 * <ul>
 *   <li>{@code stream}: how far one holding's event stream is in the ledger ({@code sequence}, the
 *       newest event applied; id = holding id), with its quantity and what is reserved, from which
 *       each entry's balance is computed (an order's fee events have no stream document since
 *       version 4: their entries are made from the events alone);
 *   <li>{@code activity}: one entry of an account's ledger, written once, its id (and {@code
 *       activityId}) the stream's id and the event's sequence: {@code at} is the event's time,
 *       {@code amount} the signed change to the holding's quantity, {@code balanceAfter} and {@code
 *       reservedAfter} the holding after it (none on fee entries, which move no cash of their own).
 * </ul>
 *
 * Decimals are strings: cash in cents, shares whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LedgerDocument {

  public static final String STREAM = ViewDocuments.STREAM;
  public static final String ACTIVITY = ViewDocuments.ACTIVITY;

  public String kind;

  /**
   * The event stream: a holding id (the aggregate id). Streams only, like {@code sequence} and
   * {@code position}: an entry's id holds its stream (a holding id, or the order id of a fee) and
   * sequence.
   */
  public String stream;

  /** The newest event applied; null until one is. */
  public Long sequence;

  public String position;
  public String accountId;
  public String asset;
  public String quantity;
  public String reserved;

  public String activityId;
  public String at;
  public String type;
  public String amount;
  public String balanceAfter;
  public String reservedAfter;
  public String orderId;
  public String fillId;
  public String depositId;
  public String fee;
}

package com.example.trading.projections.portfolio;

import com.example.trading.schemas.ViewDocuments;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's holding of one asset (index {@code portfolios}; an account's portfolio is its
 * holding documents). Quantities are decimal strings; {@code reservations} are the open ones.
 * {@code sequence} is the newest sequence of the holding's event stream the document reflects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HoldingDocument {

  /** What one open order holds reserved. */
  public record Reservation(String orderId, String quantity) {}

  public String kind = ViewDocuments.HOLDING;
  public String holdingId;
  public String accountId;
  public String asset;
  public String quantity = "0";
  public String reserved = "0";
  public String available = "0";
  public List<Reservation> reservations = new ArrayList<>();
  public long sequence = -1;
  public String position;
  public String updatedAt;
}

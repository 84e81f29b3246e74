package com.example.trading.schemas;

/**
 * The field names of the views' documents, as the projections write them and the query side
 * searches, sorts, aggregates and reads them. The projections' {@code ViewFieldsTest} checks that
 * each view's constants name exactly the fields of its document class, so a renamed or added field
 * fails the build until both sides agree (and {@code ViewVersionsTest} until the view's version is
 * bumped).
 */
public final class ViewFields {

  private ViewFields() {}

  /** An order of the customer-orders view. */
  public static final class CustomerOrders {
    public static final String KIND = ViewDocuments.KIND_FIELD;
    public static final String ORDER_ID = "orderId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String CLIENT_ORDER_ID = "clientOrderId";
    public static final String SIDE = "side";
    public static final String INSTRUMENT = "instrument";
    public static final String TYPE = "type";
    public static final String QUANTITY = "quantity";
    public static final String FILLED_QUANTITY = "filledQuantity";
    public static final String FILLED_NOTIONAL = "filledNotional";
    public static final String AVERAGE_PRICE = "averagePrice";
    public static final String LIMIT_PRICE = "limitPrice";
    public static final String TIME_IN_FORCE = "timeInForce";
    public static final String STOP_PRICE = "stopPrice";
    public static final String TRIGGERED_AT = "triggeredAt";
    public static final String MAX_FEE = "maxFee";
    public static final String STATUS = "status";
    public static final String REJECT_REASON = "rejectReason";
    public static final String REJECT_DETAIL = "rejectDetail";
    public static final String FEE = "fee";
    public static final String FEE_CENTS = "feeCents";
    public static final String FEE_STATUS = "feeStatus";
    public static final String FEE_HELD = "feeHeld";
    public static final String FEE_PAID = "feePaid";
    public static final String FEE_REFUNDED = "feeRefunded";
    public static final String FEE_SETTLED_AT = "feeSettledAt";
    public static final String PLACED_AT = "placedAt";
    public static final String TRACE_ID = "traceId";
    public static final String UPDATED_AT = "updatedAt";
    public static final String POSITION = "position";
    public static final String ORDER_SEQUENCE = "orderSequence";
    public static final String FEE_SEQUENCE = "feeSequence";
    public static final String TIMELINE = "timeline";
    public static final String FILLS = "fills";

    private CustomerOrders() {}

    /** One step of an order's {@link #TIMELINE}. */
    public static final class TimelineStep {
      public static final String AT = "at";
      public static final String EVENT = "event";
      public static final String DETAIL = "detail";
      public static final String STREAM = "stream";
      public static final String SEQUENCE = "sequence";

      private TimelineStep() {}
    }

    /** One of an order's {@link #FILLS}. */
    public static final class Fill {
      public static final String FILL_ID = "fillId";
      public static final String QUANTITY = "quantity";
      public static final String PRICE = "price";
      public static final String AT = "at";

      private Fill() {}
    }
  }

  /** A holding of the portfolios view. */
  public static final class Portfolios {
    public static final String KIND = ViewDocuments.KIND_FIELD;
    public static final String HOLDING_ID = "holdingId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ASSET = "asset";
    public static final String QUANTITY = "quantity";
    public static final String RESERVED = "reserved";
    public static final String AVAILABLE = "available";
    public static final String RESERVATIONS = "reservations";
    public static final String SEQUENCE = "sequence";
    public static final String POSITION = "position";
    public static final String UPDATED_AT = "updatedAt";

    private Portfolios() {}
  }

  /** An account of the accounts view. */
  public static final class Accounts {
    public static final String KIND = ViewDocuments.KIND_FIELD;
    public static final String ACCOUNT_ID = "accountId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String OPENED_AT = "openedAt";
    public static final String SEQUENCE = "sequence";
    public static final String POSITION = "position";

    private Accounts() {}
  }

  /** A ledger entry or an asset's stream of the account-activities view. */
  public static final class AccountActivities {
    public static final String KIND = ViewDocuments.KIND_FIELD;
    public static final String STREAM = "stream";
    public static final String SEQUENCE = "sequence";
    public static final String POSITION = "position";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ASSET = "asset";
    public static final String QUANTITY = "quantity";
    public static final String RESERVED = "reserved";
    public static final String ACTIVITY_ID = "activityId";
    public static final String AT = "at";
    public static final String TYPE = "type";
    public static final String AMOUNT = "amount";
    public static final String BALANCE_AFTER = "balanceAfter";
    public static final String RESERVED_AFTER = "reservedAfter";
    public static final String ORDER_ID = "orderId";
    public static final String FILL_ID = "fillId";
    public static final String DEPOSIT_ID = "depositId";
    public static final String FEE = "fee";

    private AccountActivities() {}
  }

  /** An instrument's latest price in the prices index ({@link ReadModel#PRICES_INDEX}). */
  public static final class Prices {
    public static final String INSTRUMENT = "instrument";
    public static final String PRICE = "price";
    public static final String AT = "at";

    private Prices() {}
  }
}

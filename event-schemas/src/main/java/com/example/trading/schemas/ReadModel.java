package com.example.trading.schemas;

import java.util.List;

/**
 * The views of the read side, as the projections write them and the query side reads them: each
 * one's name (the Elasticsearch alias, before a deployment's prefix) and the event topics it is
 * built from (what a read-your-writes position token must be reflected on).
 */
public enum ReadModel {
  CUSTOMER_ORDERS("customer-orders", EventStream.ORDER, EventStream.FEE),
  PORTFOLIOS("portfolios", EventStream.HOLDING),
  ACCOUNTS("accounts", EventStream.ACCOUNT),
  ACCOUNT_ACTIVITIES("account-activities", EventStream.HOLDING, EventStream.FEE);

  /**
   * The index of each instrument's latest price (document id = instrument), which the projections
   * copy from the venue's market data and the portfolio's valuation reads; not built from events,
   * so not a view and not versioned.
   */
  public static final String PRICES_INDEX = "prices";

  private final String viewName;
  private final List<String> topics;

  ReadModel(String viewName, EventStream... streams) {
    this.viewName = viewName;
    this.topics = EventStream.topicsOf(List.of(streams));
  }

  /** The view's name: its alias before a deployment's index prefix. */
  public String viewName() {
    return viewName;
  }

  /** The topic (contract name) where the view's projection parks the events it cannot apply. */
  public String deadLetterTopic() {
    return deadLetterTopicOf(viewName);
  }

  /** The dead-letter topic of the view named {@code viewName}. */
  public static String deadLetterTopicOf(String viewName) {
    return "projection." + viewName + ".dlt";
  }

  /** The event topics (contract names) the view is built from. */
  public List<String> topics() {
    return topics;
  }
}

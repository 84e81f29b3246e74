package com.example.trading.query.consistency;

import com.example.trading.schemas.Topics;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch aliases the query side reads (owned and written by the projections service) and
 * the event topics each view is built from.
 */
@Component
public class ViewAliases {

  private final String prefix;

  ViewAliases(@Value("${trading.views.index-prefix:}") String prefix) {
    this.prefix = prefix;
  }

  public String customerOrders() {
    return prefix + "customer-orders";
  }

  public String portfolios() {
    return prefix + "portfolios";
  }

  public String accounts() {
    return prefix + "accounts";
  }

  public String accountActivities() {
    return prefix + "account-activities";
  }

  public String prices() {
    return "prices";
  }

  public List<String> topicsOf(String alias) {
    if (alias.equals(customerOrders())) {
      return List.of(Topics.ORDER_EVENTS, Topics.FEE_EVENTS);
    }
    if (alias.equals(portfolios())) {
      return List.of(Topics.HOLDING_EVENTS);
    }
    if (alias.equals(accountActivities())) {
      return List.of(Topics.HOLDING_EVENTS, Topics.FEE_EVENTS);
    }
    if (alias.equals(accounts())) {
      return List.of(Topics.ACCOUNT_EVENTS);
    }
    return List.of();
  }
}

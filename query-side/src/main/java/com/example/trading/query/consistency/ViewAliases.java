package com.example.trading.query.consistency;

import com.example.trading.schemas.ReadModel;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch aliases the query side reads (owned and written by the projections service) and
 * the event topics each view is built from, both from the contract's {@link ReadModel}.
 */
@Component
public class ViewAliases {

  private final String prefix;

  ViewAliases(@Value("${trading.views.index-prefix:}") String prefix) {
    this.prefix = prefix;
  }

  public String customerOrders() {
    return alias(ReadModel.CUSTOMER_ORDERS);
  }

  public String portfolios() {
    return alias(ReadModel.PORTFOLIOS);
  }

  public String accounts() {
    return alias(ReadModel.ACCOUNTS);
  }

  public String accountActivities() {
    return alias(ReadModel.ACCOUNT_ACTIVITIES);
  }

  public String prices() {
    return ReadModel.PRICES_INDEX;
  }

  /** The event topics the view behind {@code alias} is built from; none for an alias of no view. */
  public List<String> topicsOf(String alias) {
    for (ReadModel view : ReadModel.values()) {
      if (alias.equals(alias(view))) {
        return view.topics();
      }
    }
    return List.of();
  }

  private String alias(ReadModel view) {
    return prefix + view.viewName();
  }
}

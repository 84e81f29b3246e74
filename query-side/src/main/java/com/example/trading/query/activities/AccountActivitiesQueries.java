package com.example.trading.query.activities;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.NewestFirst;
import com.example.trading.schemas.ActivityType;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.AccountActivities;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every question the query API asks of the AccountActivities view (the ledger), and the only place
 * that knows its documents' fields: a page of an account's entries, newest first.
 */
@Component
class AccountActivitiesQueries {

  /** Which of an account's entries to list; empty or null fields do not filter. */
  record ActivityFilter(
      String accountId,
      Set<ActivityType> types,
      @Nullable String asset,
      @Nullable String orderId,
      @Nullable Instant from,
      @Nullable Instant to) {}

  /** A page of entries, and the cursor of the next page while there may be one. */
  record Page(List<Entry> entries, @Nullable String nextCursor) {}

  /** One entry as the view keeps it; decimals are strings. */
  record Entry(
      String activityId,
      String at,
      String type,
      String asset,
      String amount,
      @Nullable String balanceAfter,
      @Nullable String reservedAfter,
      @Nullable String orderId,
      @Nullable String fillId,
      @Nullable String fee,
      @Nullable String depositId) {

    static Entry of(ObjectNode doc) {
      return new Entry(
          text(doc, AccountActivities.ACTIVITY_ID),
          text(doc, AccountActivities.AT),
          text(doc, AccountActivities.TYPE),
          text(doc, AccountActivities.ASSET),
          text(doc, AccountActivities.AMOUNT),
          text(doc, AccountActivities.BALANCE_AFTER),
          text(doc, AccountActivities.RESERVED_AFTER),
          text(doc, AccountActivities.ORDER_ID),
          text(doc, AccountActivities.FILL_ID),
          text(doc, AccountActivities.FEE),
          text(doc, AccountActivities.DEPOSIT_ID));
    }

    private static @Nullable String text(ObjectNode doc, String field) {
      var value = doc.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }
  }

  /** Entries by the event's time, then by id (a holding's entries in its events' order). */
  private static final NewestFirst NEWEST_FIRST =
      new NewestFirst(AccountActivities.AT, AccountActivities.ACTIVITY_ID);

  private final ElasticsearchClient client;
  private final ViewAliases aliases;

  AccountActivitiesQueries(ElasticsearchClient client, ViewAliases aliases) {
    this.client = client;
    this.aliases = aliases;
  }

  /**
   * A page of the account's entries, newest first: by the event's time, then by the entry's id (a
   * holding's entries in the order of its events). The cursor is the last entry's sort key, so
   * paging is stable while entries are added.
   *
   * @throws com.example.trading.query.web.InvalidQueryException when {@code cursor} is not one this
   *     API returned
   */
  Page page(ActivityFilter filter, int size, @Nullable String cursor) throws IOException {
    List<Query> filters = new ArrayList<>();
    filters.add(term(ViewDocuments.KIND_FIELD, ViewDocuments.ACTIVITY));
    filters.add(term(AccountActivities.ACCOUNT_ID, filter.accountId()));
    if (!filter.types().isEmpty()) {
      List<FieldValue> types =
          filter.types().stream().map(type -> FieldValue.of(type.name())).toList();
      filters.add(
          Query.of(q -> q.terms(t -> t.field(AccountActivities.TYPE).terms(v -> v.value(types)))));
    }
    if (filter.asset() != null) {
      filters.add(term(AccountActivities.ASSET, filter.asset()));
    }
    if (filter.orderId() != null) {
      filters.add(term(AccountActivities.ORDER_ID, filter.orderId()));
    }
    NEWEST_FIRST.between(filter.from(), filter.to()).ifPresent(filters::add);
    NewestFirst.Page page =
        NEWEST_FIRST.page(client, aliases.accountActivities(), filters, size, cursor);
    return new Page(page.documents().stream().map(Entry::of).toList(), page.nextCursor());
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}

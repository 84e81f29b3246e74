package com.example.trading.query.orders;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.InvalidQueryException;
import com.example.trading.query.web.NewestFirst;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.CustomerOrders;
import com.example.trading.schemas.order.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every question the query API asks of the CustomerOrders view, and the only place that knows its
 * documents' fields: one order, a page of an account's orders, an account's open orders and fees
 * paid, and the fees settled grouped for the report. Fees are summed in cents ({@code feeCents})
 * and answered as money with two decimals.
 */
@Component
public class CustomerOrdersQueries {

  /** Which of an account's orders to list; null fields do not filter. */
  public record OrderFilter(
      String accountId,
      @Nullable OrderStatus status,
      @Nullable Side side,
      @Nullable String instrument,
      @Nullable Instant from,
      @Nullable Instant to) {}

  /** One fill of an order: its shares and price. */
  public record Fill(long quantity, String price) {}

  /**
   * A page of orders as the API answers them, and the cursor of the next page while there may be
   * one.
   */
  public record Page(List<OrderView> orders, @Nullable String nextCursor) {}

  /** An account's orders at a glance. */
  public record AccountTotals(long orders, long open, BigDecimal feesPaid) {}

  /** How the fee report groups the settled fees. */
  public enum FeeGrouping {
    INSTRUMENT(CustomerOrders.INSTRUMENT),
    SIDE(CustomerOrders.SIDE),
    DAY(CustomerOrders.FEE_SETTLED_AT);

    /** The order document's field the fees are grouped by. */
    private final String field;

    FeeGrouping(String field) {
      this.field = field;
    }
  }

  /** One group of the fee report. */
  public record FeeGroup(String key, BigDecimal total, long orders) {}

  /**
   * The fee report: the groups (most orders first by instrument or side, oldest first by day) and
   * the total.
   */
  public record FeeTotals(List<FeeGroup> groups, BigDecimal total, long orders) {}

  /** Orders by placement, newest first (both fixed once an order is placed). */
  private static final NewestFirst PLACED_NEWEST_FIRST =
      new NewestFirst(CustomerOrders.PLACED_AT, CustomerOrders.ORDER_ID);

  private static final List<FieldValue> OPEN_STATUSES =
      Arrays.stream(OrderStatus.values())
          .filter(status -> !status.isTerminal())
          .map(status -> FieldValue.of(status.name()))
          .toList();

  private final ElasticsearchClient client;
  private final ViewAliases aliases;

  CustomerOrdersQueries(ElasticsearchClient client, ViewAliases aliases) {
    this.client = client;
    this.aliases = aliases;
  }

  /**
   * The order as the API answers it, once it was placed (a document a late event created early is
   * not an order yet).
   */
  public Optional<OrderView> order(String orderId) throws IOException {
    var response = client.get(g -> g.index(aliases.customerOrders()).id(orderId), ObjectNode.class);
    return response.found()
            && response.source() != null
            && response.source().hasNonNull(CustomerOrders.PLACED_AT)
        ? Optional.of(view(response.source()))
        : Optional.empty();
  }

  /**
   * The fills of the orders, by order id and fill id (an order the view does not know yet has
   * none).
   */
  public Map<String, Map<String, Fill>> fills(Collection<String> orderIds) throws IOException {
    Map<String, Map<String, Fill>> fills = new HashMap<>();
    if (orderIds.isEmpty()) {
      return fills;
    }
    client
        .mget(
            m ->
                m.index(aliases.customerOrders())
                    .ids(List.copyOf(orderIds))
                    .sourceIncludes(CustomerOrders.FILLS),
            ObjectNode.class)
        .docs()
        .forEach(
            item -> {
              if (item.isResult() && item.result().found() && item.result().source() != null) {
                Map<String, Fill> byId = new HashMap<>();
                item.result()
                    .source()
                    .path(CustomerOrders.FILLS)
                    .forEach(
                        fill ->
                            byId.put(
                                fill.path(CustomerOrders.Fill.FILL_ID).asText(),
                                new Fill(
                                    fill.path(CustomerOrders.Fill.QUANTITY).asLong(),
                                    fill.path(CustomerOrders.Fill.PRICE).asText())));
                fills.put(item.result().id(), byId);
              }
            });
    return fills;
  }

  /**
   * A page of the account's placed orders, newest first. The cursor is the sort key of the last
   * order returned ({@code placedAt}, then {@code orderId}, both fixed once an order is placed), so
   * paging is stable while orders are being placed.
   *
   * @throws InvalidQueryException when {@code cursor} is not one this API returned
   */
  public Page page(OrderFilter filter, int size, @Nullable String cursor) throws IOException {
    List<Query> filters = new ArrayList<>();
    filters.add(term(ViewDocuments.KIND_FIELD, ViewDocuments.ORDER));
    filters.add(term(CustomerOrders.ACCOUNT_ID, filter.accountId()));
    filters.add(Query.of(q -> q.exists(e -> e.field(CustomerOrders.PLACED_AT))));
    if (filter.status() != null) {
      filters.add(term(CustomerOrders.STATUS, filter.status().name()));
    }
    if (filter.side() != null) {
      filters.add(term(CustomerOrders.SIDE, filter.side().name()));
    }
    if (filter.instrument() != null) {
      filters.add(term(CustomerOrders.INSTRUMENT, filter.instrument()));
    }
    PLACED_NEWEST_FIRST.between(filter.from(), filter.to()).ifPresent(filters::add);
    NewestFirst.Page page =
        PLACED_NEWEST_FIRST.page(client, aliases.customerOrders(), filters, size, cursor);
    return new Page(
        page.documents().stream().map(CustomerOrdersQueries::view).toList(), page.nextCursor());
  }

  /** How many orders the account has, how many are open, and the fees settled on them. */
  public AccountTotals accountTotals(String accountId) throws IOException {
    var response =
        client.search(
            s ->
                s.index(aliases.customerOrders())
                    .size(0)
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(
                                        term(ViewDocuments.KIND_FIELD, ViewDocuments.ORDER),
                                        term(CustomerOrders.ACCOUNT_ID, accountId))))
                    .aggregations(
                        "open",
                        a ->
                            a.filter(
                                f ->
                                    f.terms(
                                        t ->
                                            t.field(CustomerOrders.STATUS)
                                                .terms(v -> v.value(OPEN_STATUSES)))))
                    .aggregations(
                        "settled",
                        a ->
                            a.filter(
                                    f ->
                                        f.term(
                                            t ->
                                                t.field(CustomerOrders.FEE_STATUS)
                                                    .value("SETTLED")))
                                .aggregations(
                                    "fees",
                                    sum -> sum.sum(m -> m.field(CustomerOrders.FEE_CENTS)))),
            ObjectNode.class);
    long orders = response.hits().total() == null ? 0 : response.hits().total().value();
    long open = response.aggregations().get("open").filter().docCount();
    double feeCents =
        response.aggregations().get("settled").filter().aggregations().get("fees").sum().value();
    return new AccountTotals(orders, open, money(feeCents));
  }

  /**
   * The fees settled across all accounts, grouped by instrument, side or day of settlement (UTC).
   */
  public FeeTotals settledFees(FeeGrouping grouping) throws IOException {
    Aggregation groups =
        switch (grouping) {
          case INSTRUMENT, SIDE ->
              Aggregation.of(
                  a ->
                      a.terms(t -> t.field(grouping.field).size(1_000))
                          .aggregations(
                              "fees", sum -> sum.sum(m -> m.field(CustomerOrders.FEE_CENTS))));
          case DAY ->
              Aggregation.of(
                  a ->
                      a.dateHistogram(
                              h ->
                                  h.field(grouping.field)
                                      .calendarInterval(CalendarInterval.Day)
                                      .format("yyyy-MM-dd")
                                      .minDocCount(1))
                          .aggregations(
                              "fees", sum -> sum.sum(m -> m.field(CustomerOrders.FEE_CENTS))));
        };
    var response =
        client.search(
            s ->
                s.index(aliases.customerOrders())
                    .size(0)
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(
                                        term(ViewDocuments.KIND_FIELD, ViewDocuments.ORDER),
                                        term(CustomerOrders.FEE_STATUS, "SETTLED"))))
                    .aggregations("groups", groups)
                    .aggregations("total", a -> a.sum(m -> m.field(CustomerOrders.FEE_CENTS))),
            ObjectNode.class);
    List<FeeGroup> found = new ArrayList<>();
    var aggregate = response.aggregations().get("groups");
    if (grouping == FeeGrouping.DAY) {
      aggregate
          .dateHistogram()
          .buckets()
          .array()
          .forEach(
              bucket ->
                  found.add(
                      new FeeGroup(
                          bucket.keyAsString(),
                          money(bucket.aggregations().get("fees").sum().value()),
                          bucket.docCount())));
    } else {
      aggregate
          .sterms()
          .buckets()
          .array()
          .forEach(
              bucket ->
                  found.add(
                      new FeeGroup(
                          bucket.key().stringValue(),
                          money(bucket.aggregations().get("fees").sum().value()),
                          bucket.docCount())));
    }
    long orders = response.hits().total() == null ? 0 : response.hits().total().value();
    return new FeeTotals(found, money(response.aggregations().get("total").sum().value()), orders);
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  private static BigDecimal money(double cents) {
    return BigDecimal.valueOf(Math.round(cents), 2);
  }

  /** The order as the API answers it, from its document. */
  private static OrderView view(ObjectNode doc) {
    List<OrderView.Step> timeline = new ArrayList<>();
    for (JsonNode step : doc.path(CustomerOrders.TIMELINE)) {
      timeline.add(
          new OrderView.Step(
              text(step, CustomerOrders.TimelineStep.AT),
              text(step, CustomerOrders.TimelineStep.EVENT),
              text(step, CustomerOrders.TimelineStep.DETAIL)));
    }
    List<OrderView.Fill> fills = new ArrayList<>();
    for (JsonNode fill : doc.path(CustomerOrders.FILLS)) {
      fills.add(
          new OrderView.Fill(
              text(fill, CustomerOrders.Fill.FILL_ID),
              fill.path(CustomerOrders.Fill.QUANTITY).asLong(),
              text(fill, CustomerOrders.Fill.PRICE),
              text(fill, CustomerOrders.Fill.AT)));
    }
    String feeStatus = text(doc, CustomerOrders.FEE_STATUS);
    String fee =
        switch (feeStatus == null ? "" : feeStatus) {
          case "CHARGED", "SETTLED" -> text(doc, CustomerOrders.FEE);
          case "REFUNDED" -> "0.00";
          default -> null;
        };
    return new OrderView(
        text(doc, CustomerOrders.ORDER_ID),
        text(doc, CustomerOrders.ACCOUNT_ID),
        text(doc, CustomerOrders.CLIENT_ORDER_ID),
        text(doc, CustomerOrders.SIDE),
        text(doc, CustomerOrders.INSTRUMENT),
        text(doc, CustomerOrders.TYPE),
        doc.hasNonNull(CustomerOrders.QUANTITY) ? doc.get(CustomerOrders.QUANTITY).asLong() : null,
        doc.path(CustomerOrders.FILLED_QUANTITY).asLong(0),
        text(doc, CustomerOrders.LIMIT_PRICE),
        text(doc, CustomerOrders.TIME_IN_FORCE),
        text(doc, CustomerOrders.STOP_PRICE),
        text(doc, CustomerOrders.TRIGGERED_AT),
        text(doc, CustomerOrders.AVERAGE_PRICE),
        text(doc, CustomerOrders.STATUS),
        text(doc, CustomerOrders.REJECT_REASON),
        text(doc, CustomerOrders.REJECT_DETAIL),
        fee,
        text(doc, CustomerOrders.FEE_HELD),
        text(doc, CustomerOrders.FEE_PAID),
        text(doc, CustomerOrders.FEE_REFUNDED),
        feeStatus,
        text(doc, CustomerOrders.PLACED_AT),
        text(doc, CustomerOrders.UPDATED_AT),
        text(doc, CustomerOrders.POSITION),
        timeline,
        text(doc, CustomerOrders.TRACE_ID),
        fills);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}

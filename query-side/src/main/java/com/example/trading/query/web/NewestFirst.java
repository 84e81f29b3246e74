package com.example.trading.query.web;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A view's documents a page at a time, newest first: sorted by a time field and then by a unique
 * keyword, with an opaque cursor (the last hit's sort key), so paging is stable while new documents
 * arrive. The queries classes say which view, fields and filters.
 */
public final class NewestFirst {

  /** A page of documents, and the cursor of the next page while there may be one. */
  public record Page(List<ObjectNode> documents, @Nullable String nextCursor) {}

  private final String timeField;
  private final String idField;

  /**
   * @param timeField a date field, the first sort key
   * @param idField a keyword unique per document, the second
   */
  public NewestFirst(String timeField, String idField) {
    this.timeField = timeField;
    this.idField = idField;
  }

  /**
   * The page of the documents of {@code index} matching every filter after {@code cursor}.
   *
   * @throws InvalidQueryException when {@code cursor} is not one this API returned
   */
  public Page page(
      ElasticsearchClient client,
      String index,
      List<Query> filters,
      int size,
      @Nullable String cursor)
      throws IOException {
    List<FieldValue> after = cursor == null ? null : decode(cursor);
    SearchResponse<ObjectNode> response =
        client.search(
            s -> {
              s.index(index)
                  .size(size)
                  .query(q -> q.bool(b -> b.filter(filters)))
                  .sort(o -> o.field(f -> f.field(timeField).order(SortOrder.Desc)))
                  .sort(o -> o.field(f -> f.field(idField).order(SortOrder.Desc)));
              if (after != null) {
                s.searchAfter(after);
              }
              return s;
            },
            ObjectNode.class);
    List<Hit<ObjectNode>> hits = response.hits().hits();
    return new Page(
        hits.stream().map(Hit::source).toList(),
        hits.size() == size ? encode(hits.getLast().sort()) : null);
  }

  /**
   * The filter on the time field: at or after {@code from}, before {@code to}; none when neither is
   * given.
   */
  public Optional<Query> between(@Nullable Instant from, @Nullable Instant to) {
    if (from == null && to == null) {
      return Optional.empty();
    }
    return Optional.of(
        Query.of(
            q ->
                q.range(
                    r ->
                        r.date(
                            d -> {
                              d.field(timeField);
                              if (from != null) {
                                d.gte(from.toString());
                              }
                              if (to != null) {
                                d.lt(to.toString());
                              }
                              return d;
                            }))));
  }

  private static String encode(List<FieldValue> sort) {
    String text = sort.get(0).longValue() + "|" + sort.get(1).stringValue();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<FieldValue> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      return List.of(
          FieldValue.of(Long.parseLong(text.substring(0, bar))),
          FieldValue.of(text.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw new InvalidQueryException("cursor", "is not a cursor this API returned");
    }
  }
}

package com.example.trading.query.activities;

import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners;
import com.example.trading.query.activities.AccountActivitiesQueries.ActivityFilter;
import com.example.trading.query.activities.AccountActivitiesQueries.Entry;
import com.example.trading.query.activities.AccountActivitiesQueries.Page;
import com.example.trading.query.consistency.ReadYourWrites;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.orders.CustomerOrdersQueries;
import com.example.trading.query.orders.CustomerOrdersQueries.Fill;
import com.example.trading.query.web.MinPosition;
import com.example.trading.query.web.PathIds;
import com.example.trading.query.web.QueryParameters;
import com.example.trading.schemas.ActivityType;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's activity ledger, newest first: a page as JSON, or every entry from the cursor on as
 * CSV, written to the response page by page as it is read. Fill entries show the fill's price and
 * shares, read from the CustomerOrders view at query time (null until that view has the fill).
 */
@RestController
@Tag(name = "activities", description = "An account's activity ledger")
class AccountActivitiesController {

  /** One entry of the ledger. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Activity(
      String activityId,
      @Schema(format = "date-time") String at,
      @Schema(implementation = ActivityType.class) String type,
      String asset,
      @Schema(
              pattern = ApiSchemas.DECIMAL_PATTERN,
              description =
                  "the signed change to the holding's quantity (zero for reservations, releases and fee entries)")
          String amount,
      @Schema(
              pattern = ApiSchemas.DECIMAL_PATTERN,
              description =
                  "the holding's quantity after the entry; null on fee entries, which move no cash of their own"
                      + " (a fee is paid in the FILL entry it was deducted from)")
          @Nullable String balanceAfter,
      @Schema(
              pattern = ApiSchemas.DECIMAL_PATTERN,
              description =
                  "what is reserved of the holding after the entry;" + " null on fee entries")
          @Nullable String reservedAfter,
      @Schema(description = "the order, on every entry but deposits") @Nullable String orderId,
      @Schema(description = "FILL entries") @Nullable String fillId,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN, description = "FILL entries: the fill's price")
          @Nullable String price,
      @Schema(description = "FILL entries: the fill's shares") @Nullable Long quantity,
      @Schema(
              pattern = ApiSchemas.DECIMAL_PATTERN,
              description = "fee entries: the fee held, collected or given back")
          @Nullable String fee,
      @Schema(description = "DEPOSIT entries: the deposit request carried out")
          @Nullable String depositId) {}

  /** A page of entries, and the cursor of the next page while there may be one. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ActivityPage(List<Activity> items, @Nullable String nextCursor) {}

  enum Format {
    JSON,
    CSV
  }

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  private static final int CSV_PAGE = 1_000;
  private static final List<String> CSV_COLUMNS =
      List.of(
          "at",
          "type",
          "asset",
          "amount",
          "balanceAfter",
          "reservedAfter",
          "orderId",
          "fillId",
          "price",
          "quantity",
          "fee",
          "depositId",
          "activityId");

  private final AccountActivitiesQueries activities;
  private final CustomerOrdersQueries orders;
  private final ViewAliases aliases;
  private final ReadYourWrites readYourWrites;
  private final AccountOwners owners;

  AccountActivitiesController(
      AccountActivitiesQueries activities,
      CustomerOrdersQueries orders,
      ViewAliases aliases,
      ReadYourWrites readYourWrites,
      AccountOwners owners) {
    this.activities = activities;
    this.orders = orders;
    this.aliases = aliases;
    this.readYourWrites = readYourWrites;
    this.owners = owners;
  }

  @Operation(
      operationId = "listActivities",
      summary = "An account's activity ledger, newest first",
      description =
          "Deposits, fills, reservations and releases, and the fee held, collected or given back, each with"
              + " the signed change to the holding and the balance after it. Summing amount per asset gives the"
              + " holding's quantity. Filters combine; JSON pages follow nextCursor until it is null; format=csv streams"
              + " every matching entry from the cursor on (size does not apply). "
              + MinPosition.WAITS,
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "A page of entries, or every entry as CSV",
            content = {
              @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(implementation = ActivityPage.class)),
              @Content(
                  mediaType = "text/csv",
                  schema =
                      @Schema(
                          type = "string",
                          description =
                              "a header line, then one line per entry: at,type,asset,amount,balanceAfter,"
                                  + "reservedAfter,orderId,fillId,price,quantity,fee,depositId,activityId"))
            }),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/accounts/{accountId}/activities")
  ResponseEntity<?> activities(
      @Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ACCOUNT_ID_PATTERN))
          @PathVariable
          String accountId,
      @Parameter(
              description = "only these types (repeat the parameter for several)",
              array = @ArraySchema(schema = @Schema(implementation = ActivityType.class)))
          @RequestParam(required = false)
          List<String> type,
      @Parameter(schema = @Schema(type = "string", pattern = QueryParameters.SYMBOL_PATTERN))
          @RequestParam(required = false)
          String asset,
      @Parameter(
              description = "only the entries of this order (its reservation, fills, release, fee)",
              schema = @Schema(type = "string", pattern = PathIds.ORDER_ID_PATTERN))
          @RequestParam(required = false)
          String orderId,
      @Parameter(
              description = "at or after",
              schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String from,
      @Parameter(description = "before", schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String to,
      @Parameter(
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
          @RequestParam(required = false)
          Integer size,
      @Parameter(description = "nextCursor of the page before") @RequestParam(required = false)
          String cursor,
      @Parameter(
              description = "json (pages) or csv (every entry, streamed)",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"json", "csv"},
                      defaultValue = "json"))
          @RequestParam(required = false)
          String format,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false)
          String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
          @RequestHeader(name = MinPosition.HEADER, required = false)
          String minPositionHeader,
      HttpServletResponse response)
      throws IOException {
    PathIds.requireAccountId(accountId);
    int pageSize = QueryParameters.pageSize(size);
    Set<ActivityType> types = EnumSet.noneOf(ActivityType.class);
    for (String value : type == null ? List.<String>of() : type) {
      types.add(QueryParameters.enumValue("type", value.strip(), ActivityType.class));
    }
    String assetFilter = QueryParameters.symbol("asset", asset);
    String orderFilter = orderId == null || orderId.isBlank() ? null : orderId.strip();
    if (orderFilter != null) {
      PathIds.requireOrderId(orderFilter);
    }
    Instant fromInstant = QueryParameters.instant("from", from);
    Instant toInstant = QueryParameters.instant("to", to);
    QueryParameters.requireOrdered(fromInstant, toInstant);
    Format answer =
        format == null ? Format.JSON : QueryParameters.enumValue("format", format, Format.class);
    ActivityFilter filter =
        new ActivityFilter(accountId, types, assetFilter, orderFilter, fromInstant, toInstant);

    readYourWrites.await(
        MinPosition.of(minPosition, minPositionHeader),
        aliases.accountActivities(),
        aliases.accounts());
    owners.requireReading(caller, accountId);
    Page first = activities.page(filter, answer == Format.CSV ? CSV_PAGE : pageSize, cursor);
    if (answer == Format.JSON) {
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .body(new ActivityPage(withFills(first.entries()), first.nextCursor()));
    }
    // CSV: written page by page as it is read, on this thread (the generated clients read JSON
    // only)
    response.setContentType(TEXT_CSV.toString());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + accountId + "-activities.csv\"");
    Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
    for (Page page = first; ; page = activities.page(filter, CSV_PAGE, page.nextCursor())) {
      for (Activity activity : withFills(page.entries())) {
        writer.write(csvLine(activity));
      }
      writer.flush();
      if (page.nextCursor() == null) {
        return null;
      }
    }
  }

  /** The entries as answered, fill entries with their fill's price and shares. */
  private List<Activity> withFills(List<Entry> entries) throws IOException {
    Set<String> filledOrders =
        entries.stream()
            .filter(entry -> entry.fillId() != null)
            .map(Entry::orderId)
            .collect(Collectors.toSet());
    Map<String, Map<String, Fill>> fills = orders.fills(filledOrders);
    return entries.stream()
        .map(
            entry -> {
              Fill fill =
                  entry.fillId() == null
                      ? null
                      : fills.getOrDefault(entry.orderId(), Map.of()).get(entry.fillId());
              return new Activity(
                  entry.activityId(),
                  entry.at(),
                  entry.type(),
                  entry.asset(),
                  entry.amount(),
                  entry.balanceAfter(),
                  entry.reservedAfter(),
                  entry.orderId(),
                  entry.fillId(),
                  fill == null ? null : fill.price(),
                  fill == null ? null : fill.quantity(),
                  entry.fee(),
                  entry.depositId());
            })
        .toList();
  }

  private static String csvLine(Activity a) {
    return List.of(
            a.at(),
            a.type(),
            a.asset(),
            a.amount(),
            nullable(a.balanceAfter()),
            nullable(a.reservedAfter()),
            nullable(a.orderId()),
            nullable(a.fillId()),
            nullable(a.price()),
            nullable(a.quantity()),
            nullable(a.fee()),
            nullable(a.depositId()),
            a.activityId())
        .stream()
        .map(AccountActivitiesController::csvField)
        .collect(Collectors.joining(",", "", "\r\n"));
  }

  private static String nullable(@Nullable Object value) {
    return value == null ? "" : value.toString();
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  static String csvField(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}

package com.example.trading.exchange.order;

import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.web.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placing, inspecting and cancelling orders at the venue. Placement answers 200 with ACCEPTED or
 * REJECTED (a venue refusal is an answer, not an error) and is idempotent by client order id;
 * cancel is idempotent too. Request errors are 400, unknown orders 404, conflicts 409.
 */
@Tag(name = "orders")
@RestController
class OrderController {

  static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
  static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_', ':' or '-'";
  static final String SYMBOL_PATTERN = "^[A-Z][A-Z0-9.]{0,15}$";
  static final String SYMBOL_MESSAGE =
      "must be an upper-case symbol of 1-16 letters, digits or '.'";

  @Schema(description = "An order for the venue; the client order id becomes the venue order id.")
  record PlaceOrderRequest(
      @Schema(example = "c-42") @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
          String clientOrderId,
      @NotNull Side side,
      @Schema(example = "AAPL")
          @NotBlank
          @Pattern(regexp = SYMBOL_PATTERN, message = SYMBOL_MESSAGE)
          String instrument,
      @Schema(example = "10") @NotNull @Positive @Max(1_000_000_000L) Long quantity,
      @NotNull OrderType type,
      @Schema(description = "LIMIT and STOP_LIMIT only: the worst price to fill at")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal limitPrice,
      @Schema(
              description =
                  "MARKET and STOP only, optional: a BUY never fills above it, a SELL never below"
                      + " it")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal priceProtection,
      @Schema(
              description =
                  "LIMIT only, optional: when the order expires at the latest (without a time in"
                      + " force: the configured TTL)")
          Instant expiresAt,
      @Schema(
              description =
                  "optional: DAY (until the session close), GTC (until cancelled), IOC (what fills"
                      + " on arrival, the rest cancelled), FOK (all on arrival or nothing);"
                      + " without one a LIMIT order rests until expiresAt or the configured TTL")
          TimeInForce timeInForce,
      @Schema(
              description =
                  "STOP and STOP_LIMIT only: a BUY triggers when the price rises to it, a SELL when"
                      + " it falls to it; then it works as MARKET (STOP) or LIMIT (STOP_LIMIT)")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal stopPrice) {

    @Schema(hidden = true)
    @AssertTrue(
        message =
            "is required (and > 0) for a LIMIT or STOP_LIMIT order and must be absent otherwise")
    boolean isLimitPrice() {
      return type == null || type.hasLimitPrice() == (limitPrice != null);
    }

    @Schema(hidden = true)
    @AssertTrue(
        message =
            "is required (and > 0) for a STOP or STOP_LIMIT order and must be absent otherwise")
    boolean isStopPrice() {
      return type == null || type.hasStopPrice() == (stopPrice != null);
    }

    @Schema(hidden = true)
    @AssertTrue(message = "must not be IOC or FOK for a stop order, which waits for its trigger")
    boolean isTimeInForce() {
      return type == null
          || !type.hasStopPrice()
          || timeInForce == null
          || !timeInForce.endsOnArrival();
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is allowed on a MARKET or STOP order only")
    boolean isPriceProtection() {
      return type == null || priceProtection == null || type.fillsAtMarket();
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is allowed on an order that may rest (not MARKET, IOC or FOK) only")
    boolean isExpiresAt() {
      return expiresAt == null
          || ((type == null || type != OrderType.MARKET)
              && (timeInForce == null || !timeInForce.endsOnArrival()));
    }

    OrderTerms terms() {
      return new OrderTerms(
          clientOrderId,
          side,
          instrument,
          quantity,
          type,
          limitPrice,
          priceProtection,
          expiresAt,
          timeInForce,
          stopPrice);
    }
  }

  private final OrderBook book;

  OrderController(OrderBook book) {
    this.book = book;
  }

  @Operation(
      operationId = "placeVenueOrder",
      summary = "Place an order (idempotent by clientOrderId)",
      description =
          "200 with ACCEPTED or REJECTED (and a reason). The same request again gets the same answer; "
              + "other terms under a known clientOrderId are a 409.",
      responses = {
        @ApiResponse(responseCode = "200", description = "ACCEPTED, or REJECTED with a reason"),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @PostMapping("/venue/orders")
  PlacementAnswer place(@Valid @RequestBody PlaceOrderRequest request) {
    return book.place(request.terms());
  }

  @Operation(
      operationId = "getVenueOrder",
      summary = "An order's status and filled quantity (404 when unknown)",
      responses = {
        @ApiResponse(responseCode = "200", description = "The order"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/venue/orders/{clientOrderId}")
  OrderView order(@PathVariable String clientOrderId) {
    return book.find(clientOrderId)
        .orElseThrow(
            () ->
                new ErrorResponseException(
                    HttpStatus.NOT_FOUND,
                    ApiProblems.notFound("No order " + clientOrderId + " at this venue."),
                    null));
  }

  @Operation(
      operationId = "cancelVenueOrder",
      summary = "Cancel a live order's unfilled remainder (idempotent)",
      description =
          "200 with CANCELLED and the filled quantity, also when it was already cancelled; "
              + "409 when it is FILLED, EXPIRED or REJECTED; 404 when unknown.",
      responses = {
        @ApiResponse(responseCode = "200", description = "CANCELLED, with what had filled"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @PostMapping("/venue/orders/{clientOrderId}/cancel")
  CancelAnswer cancel(@PathVariable String clientOrderId) {
    return book.cancel(clientOrderId);
  }

  @Schema(
      description =
          "New terms for a live order (cancel-replace keeping the order id): the whole quantity"
              + " and the prices its type has.")
  record ReplaceOrderRequest(
      @Schema(
              description = "the client's id for this replace: the same id again changes nothing",
              example = "c-42:r1")
          @NotBlank
          @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
          String replaceId,
      @Schema(description = "the new quantity: more than what has filled", example = "12")
          @NotNull
          @Positive
          @Max(1_000_000_000L)
          Long quantity,
      @Schema(description = "LIMIT and STOP_LIMIT only: the new limit")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal limitPrice,
      @Schema(description = "STOP and STOP_LIMIT only: the stop (unchanged once triggered)")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal stopPrice,
      @Schema(description = "STOP only, optional: the new price protection")
          @Positive
          @Digits(integer = 12, fraction = 6)
          BigDecimal priceProtection) {}

  @Operation(
      operationId = "replaceVenueOrder",
      summary = "Replace a live order's quantity and prices (idempotent by replaceId)",
      description =
          "200 with the order under its new terms (what they fill at once has filled); the same"
              + " replaceId again answers the order as it is. 409 when the order has ended, is a"
              + " MARKET order, has filled as much as the new quantity, or its stop has triggered"
              + " and the stop would change; 400 when a price does not fit the order's type; 404"
              + " when unknown.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The order under its new terms"),
        @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @PutMapping("/venue/orders/{clientOrderId}")
  OrderView replace(
      @PathVariable String clientOrderId, @Valid @RequestBody ReplaceOrderRequest request) {
    return book.replace(
        clientOrderId,
        request.replaceId(),
        request.quantity(),
        request.limitPrice(),
        request.stopPrice(),
        request.priceProtection());
  }

  /** How many DAY orders the session close expired. */
  record SessionClosed(int expired) {}

  @Operation(
      operationId = "closeVenueSession",
      summary = "Close the trading session now: every resting DAY order expires",
      description =
          "What the daily session close (exchange.session-close) does, at once: the remainder of"
              + " every live DAY order expires (an EXPIRED execution each). GTC orders and orders"
              + " without a time in force keep resting. For tests and drills.",
      responses = {
        @ApiResponse(responseCode = "200", description = "How many orders expired"),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @PostMapping("/venue/session/close")
  SessionClosed closeSession() {
    return new SessionClosed(book.closeSession());
  }
}

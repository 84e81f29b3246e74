package com.example.trading.exchange.market;

import com.example.trading.exchange.ExchangeProperties;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.web.ApiProblems;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data and the market-data feed: the instruments the venue knows (to refuse orders for
 * anything else before they are placed), and current reference prices, for portfolio valuation and
 * price estimates.
 */
@Tag(name = "market data")
@RestController
class MarketDataController {

  /**
   * An instrument the venue knows: {@code TRADING}, or {@code HALTED} (every order on it is
   * rejected).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Instrument(
      String instrument, @Schema(allowableValues = {"TRADING", "HALTED"}) String status) {}

  private final ReferencePrices prices;
  private final ExchangeProperties properties;

  MarketDataController(ReferencePrices prices, ExchangeProperties properties) {
    this.prices = prices;
    this.properties = properties;
  }

  @Operation(
      operationId = "listInstruments",
      summary = "Every instrument the venue knows, listed (TRADING) or halted (HALTED)")
  @GetMapping("/venue/instruments")
  List<Instrument> instruments() {
    List<Instrument> known = new ArrayList<>();
    properties
        .instruments()
        .keySet()
        .forEach(symbol -> known.add(new Instrument(symbol, "TRADING")));
    properties.haltedInstruments().stream()
        .filter(symbol -> !properties.instruments().containsKey(symbol))
        .forEach(symbol -> known.add(new Instrument(symbol, "HALTED")));
    return known;
  }

  @Operation(
      operationId = "listPrices",
      summary = "Current reference price of every listed instrument")
  @GetMapping("/venue/prices")
  List<Quote> prices() {
    return prices.quotes();
  }

  @Operation(
      operationId = "getPrice",
      summary = "Current reference price of one instrument (404 when not listed)",
      responses = {
        @ApiResponse(responseCode = "200", description = "The price"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
      })
  @GetMapping("/venue/prices/{instrument}")
  Quote price(@PathVariable String instrument) {
    return prices
        .quote(instrument)
        .orElseThrow(
            () ->
                new ErrorResponseException(
                    HttpStatus.NOT_FOUND,
                    ApiProblems.notFound(
                        "No reference price for instrument " + instrument + ": it is not listed."),
                    null));
  }
}

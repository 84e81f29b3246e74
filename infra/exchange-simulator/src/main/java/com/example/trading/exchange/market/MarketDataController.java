package com.example.trading.exchange.market;

import com.example.trading.platform.web.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The market-data feed: current reference prices, for portfolio valuation and price estimates. */
@Tag(name = "market data")
@RestController
class MarketDataController {

  private final ReferencePrices prices;

  MarketDataController(ReferencePrices prices) {
    this.prices = prices;
  }

  @Operation(summary = "Current reference price of every listed instrument")
  @GetMapping("/venue/prices")
  List<Quote> prices() {
    return prices.quotes();
  }

  @Operation(summary = "Current reference price of one instrument (404 when not listed)")
  @GetMapping("/venue/prices/{instrument}")
  Quote price(@PathVariable String instrument) {
    return prices.quote(instrument).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
        ApiProblems.notFound("No reference price for instrument " + instrument + ": it is not listed."), null));
  }
}

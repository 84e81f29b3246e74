package com.example.trading.exchange.market;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An instrument's reference price (two decimals) and when it was last set.
 *
 * @param instrument the instrument's symbol
 * @param price the reference price, in cents precision
 * @param at when the price last moved (or the venue started)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Quote(String instrument, BigDecimal price, Instant at) {}

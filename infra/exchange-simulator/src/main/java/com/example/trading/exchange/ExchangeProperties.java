package com.example.trading.exchange;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The venue's configuration ({@code exchange.*} in {@code application.yaml}, each value overridable
 * by an environment variable). Checked at start: a venue with an impossible setting does not start.
 * The last four values are only the resilience settings the venue starts with; they can be changed
 * while it runs through {@code /venue/settings}.
 *
 * @param seed seed of the venue's one random generator; {@code null} picks (and logs) a random one
 * @param journalDir directory of the append-only journal that makes the book and the feed durable
 * @param tickInterval how often reference prices move and resting orders are matched and expired
 * @param priceStep the largest move of a reference price in one tick, either way
 * @param marketSlippage how much worse than the reference price a MARKET order may fill, at most
 * @param limitOrderTtl how long a LIMIT order without {@code expiresAt} or a time in force rests
 *     before it expires
 * @param sessionClose the time of day (UTC) the trading session closes, when DAY orders expire
 * @param instruments the listed instruments and their starting reference prices
 * @param haltedInstruments instruments on which every order is rejected
 */
@Validated
@ConfigurationProperties("exchange")
public record ExchangeProperties(
    @Nullable Long seed,
    @NotNull Path journalDir,
    @NotNull Duration tickInterval,
    @NotNull @DecimalMin("0.00") BigDecimal priceStep,
    @NotNull @DecimalMin("0.00") BigDecimal marketSlippage,
    @NotNull Duration limitOrderTtl,
    @NotNull LocalTime sessionClose,
    @NotEmpty
        Map<String, @NotNull @DecimalMin(value = "0.00", inclusive = false) BigDecimal> instruments,
    List<String> haltedInstruments,
    @Min(0) @Max(60_000) int latencyMs,
    @DecimalMin("0.0") @DecimalMax("1.0") double rejectRate,
    @DecimalMin("0.0") @DecimalMax("1.0") double errorRate,
    boolean partialFills) {

  public ExchangeProperties {
    haltedInstruments = haltedInstruments == null ? List.of() : List.copyOf(haltedInstruments);
  }
}

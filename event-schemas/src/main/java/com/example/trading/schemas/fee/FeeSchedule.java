package com.example.trading.schemas.fee;

import com.example.trading.schemas.Assets;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A named, versioned fee schedule: a rate in basis points of the notional, clamped between a
 * minimum and a maximum, in USD cents (half-even). The name is recorded in every {@link
 * FeeEvent.FeeCharged}, so a schedule, once used, never changes: a new one gets a new name. Shared
 * by the command side (which charges) and the saga (which reserves room for the fee).
 */
public record FeeSchedule(
    String name, BigDecimal basisPoints, BigDecimal minimum, BigDecimal maximum) {

  /** 10 bps of notional, minimum 1.00, maximum 50.00 USD. */
  public static final FeeSchedule STANDARD_V1 =
      new FeeSchedule(
          "standard-v1", new BigDecimal("10"), new BigDecimal("1.00"), new BigDecimal("50.00"));

  private static final BigDecimal BASIS_POINTS_PER_UNIT = new BigDecimal("10000");

  /** Every schedule ever used, by name: a recorded name always finds its schedule. */
  private static final Map<String, FeeSchedule> BY_NAME = Map.of(STANDARD_V1.name(), STANDARD_V1);

  public FeeSchedule {
    Objects.requireNonNull(name, "name");
    if (minimum.compareTo(maximum) > 0) {
      throw new IllegalArgumentException("minimum above maximum");
    }
  }

  /**
   * The schedule a {@link FeeEvent.FeeCharged} names.
   *
   * @throws IllegalArgumentException when no schedule has that name
   */
  public static FeeSchedule named(String name) {
    FeeSchedule schedule = BY_NAME.get(name);
    if (schedule == null) {
      throw new IllegalArgumentException("no fee schedule named " + name);
    }
    return schedule;
  }

  /**
   * The schedule a record names (a {@code ChargeFee}, a saga's state); a record from before the
   * schedule was named (null) is under the only schedule there was then, {@link #STANDARD_V1}.
   *
   * @throws IllegalArgumentException when no schedule has that name
   */
  public static FeeSchedule recordedAs(String nameOrNull) {
    return nameOrNull == null ? STANDARD_V1 : named(nameOrNull);
  }

  /** The fee for a notional (quantity × price), in cents. */
  public BigDecimal feeFor(BigDecimal notional) {
    BigDecimal fee = Assets.cents(notional.multiply(basisPoints).divide(BASIS_POINTS_PER_UNIT));
    return fee.max(minimum).min(maximum);
  }
}

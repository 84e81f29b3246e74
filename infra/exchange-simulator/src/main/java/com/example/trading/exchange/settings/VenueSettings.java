package com.example.trading.exchange.settings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The venue's resilience settings, for testing how a gateway copes with a difficult market.
 * Immutable; the venue switches between whole settings at once.
 *
 * @param latencyMs delay added to the answer of every order, cancel and status call, after the
 *     venue has acted on it
 * @param rejectRate probability (0..1) that an otherwise acceptable order is rejected with {@code
 *     RANDOM_REJECT}, and an otherwise acceptable replace refused
 * @param errorRate probability (0..1) that an order, cancel or status call answers 503 without
 *     doing anything
 * @param partialFills whether orders fill in 2–3 parts rather than all at once
 */
public record VenueSettings(
    @Schema(example = "0") @NotNull @Min(0) @Max(60_000) Integer latencyMs,
    @Schema(example = "0.0") @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double rejectRate,
    @Schema(example = "0.0") @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
    @Schema(example = "false") @NotNull Boolean partialFills) {}

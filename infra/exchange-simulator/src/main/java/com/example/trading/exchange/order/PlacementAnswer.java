package com.example.trading.exchange.order;

import com.example.trading.exchange.execution.RejectReason;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The venue's answer to a placement. The same request placed again gets the same answer, whatever
 * happened to the order since.
 *
 * @param venueOrderId the venue's id of the order (the client order id)
 * @param reason why, when REJECTED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementAnswer(
    String venueOrderId, PlacementStatus status, @Nullable RejectReason reason) {}

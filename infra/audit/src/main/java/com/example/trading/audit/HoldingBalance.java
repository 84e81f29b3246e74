package com.example.trading.audit;

import java.math.BigDecimal;

/** A holding as folded from the event store: what the views must show once they have caught up. */
public record HoldingBalance(
    String holdingId, String accountId, String asset, BigDecimal quantity, BigDecimal reserved) {}

package com.example.trading.exchange.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Consecutive executions of the feed, in increasing sequence without gaps.
 *
 * @param executions the executions after the requested sequence, at most the requested number
 * @param lastSequence the cursor to read after next time: the last execution's sequence, or the
 *     requested {@code after} when there is nothing new
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExecutionPage(List<Execution> executions, long lastSequence) {}

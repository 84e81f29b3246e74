package com.example.trading.platform.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message parked because it could not be handled, as its source holds it.
 *
 * @param id its id within the source ({@code <partition>@<offset>} on a dead-letter topic)
 * @param key the message key (the target aggregate, for commands and events)
 * @param headers the message's headers (the envelope, and why and when it was parked)
 * @param payload the message body as UTF-8 text (the contract's JSON)
 * @param reason why it could not be handled
 * @param failedAt when it was parked
 * @param origin where it was read when it failed ({@code topic/partition@offset})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeadLetter(
    String id,
    @Nullable String key,
    Map<String, String> headers,
    @Nullable String payload,
    @Nullable String reason,
    @Nullable String failedAt,
    @Nullable String origin) {}

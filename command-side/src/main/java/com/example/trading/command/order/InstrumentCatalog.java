package com.example.trading.command.order;

import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.schemas.codec.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The instruments the venue knows, from its reference data ({@code GET /venue/instruments}), cached
 * and refreshed every {@code trading.exchange.reference-data-refresh} (1 min; on failure retried
 * with back-off up to 10 s). A placement for an instrument the venue does not know is refused
 * before anything is stored. Until the list has been read once (the venue unreachable since this
 * process started) every instrument is let through and the venue rejects unknown ones (the order
 * then ends {@code REJECTED}, everything given back); gauge {@code
 * trading.exchange.instruments.known} says how many it knows (0: not read yet).
 */
@Component
public class InstrumentCatalog extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(InstrumentCatalog.class);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI source;
  private final Duration refresh;
  private final AtomicReference<Set<String>> known = new AtomicReference<>();

  InstrumentCatalog(
      @Value("${trading.exchange.url}") String venueUrl,
      @Value("${trading.exchange.reference-data-refresh:1m}") Duration refresh,
      MeterRegistry meters) {
    super("instrument-catalog");
    this.source = URI.create(venueUrl).resolve("/venue/instruments");
    this.refresh = refresh;
    Gauge.builder(
            "trading.exchange.instruments.known", known, k -> k.get() == null ? 0 : k.get().size())
        .description("instruments in the venue's reference data as last read (0: not read yet)")
        .register(meters);
  }

  /** Whether the venue is known not to list {@code instrument}: false while the list is unknown. */
  public boolean isUnknown(String instrument) {
    Set<String> instruments = known.get();
    return instruments != null && !instruments.contains(instrument);
  }

  @Override
  protected boolean workOnce() throws InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "the venue's reference data is unreachable at " + source + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the venue's reference data answered " + response.statusCode());
    }
    Set<String> instruments = new HashSet<>();
    try {
      for (JsonNode instrument : MessageCodec.objectMapper().readTree(response.body())) {
        instruments.add(instrument.path("instrument").asText());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "the venue's reference data is not readable: " + e.getMessage(), e);
    }
    if (!instruments.equals(known.getAndSet(Set.copyOf(instruments)))) {
      log.info("instruments the venue knows: {}", instruments);
    }
    return false;
  }

  @Override
  protected Duration idlePause() {
    return refresh;
  }
}

package com.example.trading.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.platform.kafka.KafkaClientProperties;
import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.projections.ProjectionsIntegrationTest;
import com.example.trading.projections.pipeline.ConsumerGroups;
import com.example.trading.projections.pipeline.EventDecoder;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.projections.portfolio.HoldingDocument;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.TradingEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

/**
 * A view's next version, with a field the current one does not have, rolled out the way the README
 * says: the new code's {@code make replay} builds the new version from the topics over the live
 * index of the current one (compared by count and presence, not content), checks it by the view's
 * rules and swaps the alias; the new field is in every document. The next version here is the
 * portfolios view plus a {@code note} field, as a change to {@code PortfoliosView} would make it.
 * Afterwards the current version is rebuilt the same way, so the live projection (the current code)
 * writes again.
 */
class VersionBumpIT extends ProjectionsIntegrationTest {

  @Autowired ViewStore store;
  @Autowired EventDecoder decoder;
  @Autowired KafkaClientProperties kafka;
  @Autowired TopicNames topics;
  @Autowired KafkaCluster cluster;
  @Autowired PortfoliosView portfolios;
  @Autowired ElasticsearchClient elasticsearch;

  private final StringWriter output = new StringWriter();

  /** A holding of the next version: what the current one holds, and a note. */
  public static class NotedHolding extends HoldingDocument {
    public String note;
  }

  /** The portfolios view with one more field, {@code note}, and the next version number. */
  static final class NextPortfolios implements View<NotedHolding> {

    private final PortfoliosView current;

    NextPortfolios(PortfoliosView current) {
      this.current = current;
    }

    @Override
    public String name() {
      return current.name();
    }

    @Override
    public List<String> topics() {
      return current.topics();
    }

    @Override
    public int version() {
      return current.version() + 1;
    }

    @Override
    public Class<NotedHolding> documentType() {
      return NotedHolding.class;
    }

    @Override
    public TypeMapping mapping() {
      Map<String, Property> properties = new HashMap<>(current.mapping().properties());
      properties.put("note", ViewMappings.keyword());
      return TypeMapping.of(m -> m.dynamic(current.mapping().dynamic()).properties(properties));
    }

    @Override
    public String documentId(TradingEvent event) {
      return current.documentId(event);
    }

    @Override
    public NotedHolding apply(NotedHolding document, ProjectedEvent event) {
      NotedHolding doc = document == null ? new NotedHolding() : document;
      if (current.apply(doc, event) == null) {
        return null;
      }
      doc.note = doc.asset + " of " + doc.accountId;
      return doc;
    }

    @Override
    public List<String> violations(NotedHolding document) {
      return current.violations(document);
    }
  }

  private int replay(View<?> view) {
    CommandLine commandLine =
        new CommandLine(
            new ReplayCommand(
                List.of(view),
                store,
                new ViewRebuilder(
                    store,
                    decoder,
                    kafka,
                    topics,
                    cluster,
                    new ConsumerGroups(PREFIX + "projection")),
                kafka,
                cluster));
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    return commandLine.execute("--view", view.name(), "--delete-old");
  }

  @Test
  void aFieldAddedByANewVersionIsBuiltByReplayOverTheLiveIndexOfTheOldOne() throws Exception {
    String account = "acc-bump-" + UUID.randomUUID().toString().substring(0, 8);
    RecordMetadata written =
        publish(
            new HoldingDeposited(account + "/USD", account, "USD", new BigDecimal("250.00"), null),
            0,
            "m-" + UUID.randomUUID());
    String alias = store.alias(portfolios);
    awaitApplied(store, alias, written);
    NextPortfolios next = new NextPortfolios(portfolios);

    int exit = replay(next);

    assertThat(exit).as(output.toString()).isZero();
    assertThat(output.toString())
        .contains("holds version " + portfolios.version())
        .contains("compared by count and presence")
        .contains("0 break them");
    String rebuilt = store.indexBehindAlias(alias).orElseThrow();
    assertThat(store.versionOf(rebuilt)).isEqualTo(next.version());
    elasticsearch.indices().refresh(r -> r.index(rebuilt));
    ObjectNode holding =
        elasticsearch.get(g -> g.index(rebuilt).id(account + "/USD"), ObjectNode.class).source();
    assertThat(holding).isNotNull();
    assertThat(holding.path("note").asText()).isEqualTo("USD of " + account);
    assertThat(holding.path("quantity").asText()).isEqualTo("250.00");

    // Back to the version the running projection (the current code) writes.
    assertThat(replay(portfolios)).as(output.toString()).isZero();
    assertThat(store.versionOf(store.indexBehindAlias(alias).orElseThrow()))
        .isEqualTo(portfolios.version());
  }
}

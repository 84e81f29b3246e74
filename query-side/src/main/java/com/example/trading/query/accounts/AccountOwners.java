package com.example.trading.query.accounts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.schemas.ViewFields.Accounts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may read an account: its owner, as the Accounts view learned it from the account's events,
 * and operators; and which accounts a customer owns. An account the caller may not read answers the
 * same {@code 404} as one that does not exist. Owners never change, so known owners are cached
 * (bounded); unknown ones are not.
 */
@Component
public class AccountOwners {

  static final int MOST_ACCOUNTS = 1_000;

  private final ElasticsearchClient client;
  private final ViewAliases aliases;
  private final Cache<String, String> owners = Caffeine.newBuilder().maximumSize(100_000).build();

  AccountOwners(ElasticsearchClient client, ViewAliases aliases) {
    this.client = client;
    this.aliases = aliases;
  }

  /**
   * Refuses (404) a customer reading an account that is not theirs; operators read every account.
   *
   * @throws NotFoundException when the caller may not read the account
   */
  public void requireReading(Caller caller, String accountId) throws IOException {
    if (caller.operator()) {
      return;
    }
    if (!ownerOf(accountId).map(caller.subject()::equals).orElse(false)) {
      throw new NotFoundException("No such account: " + accountId);
    }
  }

  /** True when the caller may read the account (for documents found by id, like an order). */
  public boolean mayRead(Caller caller, String accountId) throws IOException {
    return caller.operator() || ownerOf(accountId).map(caller.subject()::equals).orElse(false);
  }

  /**
   * True when the account was opened (an empty portfolio then is an empty portfolio, not a 404).
   */
  public boolean isOpen(String accountId) throws IOException {
    return ownerOf(accountId).isPresent();
  }

  /**
   * The accounts opened for {@code customerId}, by account id, as the Accounts view has them (at
   * most {@value #MOST_ACCOUNTS}).
   */
  public List<CustomerAccount> accountsOf(String customerId) throws IOException {
    try {
      return client
          .search(
              s ->
                  s.index(aliases.accounts())
                      .size(MOST_ACCOUNTS)
                      .query(q -> q.term(t -> t.field(Accounts.CUSTOMER_ID).value(customerId)))
                      .sort(o -> o.field(f -> f.field(Accounts.ACCOUNT_ID))),
              ObjectNode.class)
          .hits()
          .hits()
          .stream()
          .map(Hit::source)
          .filter(source -> source != null && source.hasNonNull(Accounts.ACCOUNT_ID))
          .map(
              source ->
                  new CustomerAccount(
                      source.get(Accounts.ACCOUNT_ID).asText(),
                      source.path(Accounts.OPENED_AT).asText(null)))
          .toList();
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return List.of(); // no account was ever opened: the view's index does not exist yet
      }
      throw e;
    }
  }

  /** An account of a customer: its id, and when it was opened. */
  public record CustomerAccount(String accountId, String openedAt) {}

  private Optional<String> ownerOf(String accountId) throws IOException {
    String owner = owners.getIfPresent(accountId);
    if (owner != null) {
      return Optional.of(owner);
    }
    try {
      var response = client.get(g -> g.index(aliases.accounts()).id(accountId), ObjectNode.class);
      if (!response.found()
          || response.source() == null
          || !response.source().hasNonNull(Accounts.CUSTOMER_ID)) {
        return Optional.empty();
      }
      owner = response.source().get(Accounts.CUSTOMER_ID).asText();
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty(); // no account was ever opened: the view's index does not exist yet
      }
      throw e;
    }
    owners.put(accountId, owner);
    return Optional.of(owner);
  }
}

package com.example.trading.command.account;

import com.example.trading.platform.security.Caller;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.AccountEvent.AccountOpened;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Who owns which account, and which account an order belongs to, read from the accounts' and
 * orders' first events in the event store. Both facts never change once stored, so they are cached
 * (bounded) on every instance without any invalidation; what is not there yet is never cached, so
 * an account opened through another instance is seen at once.
 */
@Component
public class Accounts {

  private final EventStore events;
  private final Cache<String, String> ownerByAccount =
      Caffeine.newBuilder().maximumSize(100_000).build();
  private final Cache<String, String> accountByOrder =
      Caffeine.newBuilder().maximumSize(100_000).build();

  Accounts(EventStore events) {
    this.events = events;
  }

  /**
   * Refuses (404) unless the account is open and the caller may act on it: its owner, or an
   * operator.
   *
   * @throws AccountNotFound when it is not open, or another customer's
   */
  public void requireActingOn(Caller caller, String accountId) {
    Optional<String> owner = ownerOf(accountId);
    if (owner.isEmpty() || !caller.mayActFor(owner.get())) {
      throw new AccountNotFound("account " + accountId);
    }
  }

  /**
   * Refuses (404) unless the order exists and belongs to an account the caller may act on.
   *
   * @throws AccountNotFound when there is no such order for this caller
   */
  public void requireActingOnOrder(Caller caller, String orderId) {
    Optional<String> account = accountOf(orderId);
    if (account.isEmpty() || !caller.mayActFor(ownerOf(account.get()).orElse(""))) {
      throw new AccountNotFound("order " + orderId);
    }
  }

  /** The customer who owns the account, when it was opened. */
  public Optional<String> ownerOf(String accountId) {
    String owner = ownerByAccount.getIfPresent(accountId);
    if (owner == null) {
      owner =
          first(AccountEvent.streamId(accountId)) instanceof AccountOpened opened
              ? opened.customerId()
              : null;
      if (owner != null) {
        ownerByAccount.put(accountId, owner);
      }
    }
    return Optional.ofNullable(owner);
  }

  private Optional<String> accountOf(String orderId) {
    String account = accountByOrder.getIfPresent(orderId);
    if (account == null) {
      account = first(orderId) instanceof OrderPlaced placed ? placed.accountId() : null;
      if (account != null) {
        accountByOrder.put(orderId, account);
      }
    }
    return Optional.ofNullable(account);
  }

  private Object first(String aggregateId) {
    DomainEventStream stream = events.readEvents(aggregateId);
    if (!stream.hasNext()) {
      return null;
    }
    DomainEventMessage<?> first = stream.next();
    return first.getSequenceNumber() == 0 ? first.getPayload() : null;
  }
}

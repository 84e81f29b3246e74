package com.example.trading.schemas;

/**
 * What tells the documents of one view index apart, as the projections write them and the query
 * side filters them: every document has a {@link #KIND_FIELD} whose value names what it is. An
 * index holds its view's documents and the projection's checkpoints ({@link ViewCheckpoints}); the
 * account-activities index holds ledger entries and, beside them, the per-asset streams they are
 * folded from.
 */
public final class ViewDocuments {

  /** The field every view document has. */
  public static final String KIND_FIELD = "kind";

  /** An order of the customer-orders view. */
  public static final String ORDER = "order";

  /** A holding of the portfolios view. */
  public static final String HOLDING = "holding";

  /** An account of the accounts view. */
  public static final String ACCOUNT = "account";

  /** A ledger entry of the account-activities view. */
  public static final String ACTIVITY = "activity";

  /** The running balances of one asset of one account, which ledger entries are folded from. */
  public static final String STREAM = "stream";

  /** How far the view has applied a partition ({@link ViewCheckpoints}). */
  public static final String CHECKPOINT = "checkpoint";

  private ViewDocuments() {}
}

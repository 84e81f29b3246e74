package com.example.trading.projections.store;

/**
 * The index behind a view's alias was built for another version of the view: the projection does
 * not write into it (its documents and mapping are another shape) until {@code make replay} has
 * built this version and swapped the alias.
 */
public class ViewVersionMismatchException extends RuntimeException {

  public ViewVersionMismatchException(String view, String index, int found, int expected) {
    super(
        "index "
            + index
            + " behind the alias of view "
            + view
            + " holds version "
            + found
            + " of the view; this"
            + " projection writes version "
            + expected
            + ": it writes nothing until the view is rebuilt (make replay VIEW="
            + view
            + ")",
        null,
        false,
        false);
  }
}

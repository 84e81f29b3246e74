package com.example.trading.projections.prices;

/**
 * The latest price of one instrument, as the prices index holds it ({@link
 * com.example.trading.schemas.ViewFields.Prices}).
 */
public record PriceDocument(String instrument, String price, String at) {}

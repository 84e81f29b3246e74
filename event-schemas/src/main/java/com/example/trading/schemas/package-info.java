/**
 * The public contract between the services: every event and cross-service command, its JSON form,
 * type name and revision ({@link com.example.trading.schemas.MessageType}), the metadata every
 * message carries ({@link com.example.trading.schemas.MessageMetadata}), and the upcasters that
 * read older revisions ({@link com.example.trading.schemas.codec}).
 *
 * <p>Shapes may grow, never silently change: a change is a new revision with an upcaster.
 */
package com.example.trading.schemas;

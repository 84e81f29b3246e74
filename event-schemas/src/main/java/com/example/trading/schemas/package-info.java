/**
 * The public contract between the services: every event and cross-service command, its JSON
 * form, type name and revision, and the upcasters that read older revisions.
 */
package com.example.trading.schemas;

package com.example.trading.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Whether a published OpenAPI document keeps the contract of the last released one, by
 * openapi-diff's classification of every change (a removed endpoint, response property or enum
 * value, a new required request field... are incompatible), plus what openapi-diff 2.1 does not
 * read in OpenAPI 3.1: a property's list of types ({@code type: [string, "null"]}). An answer's
 * property that gains a type (may now be {@code null}) breaks clients, as does a request property
 * that loses one. An incompatible change is allowed only when it is announced: the document's
 * {@code info.version} (the service's {@code trading.api.version}) has a greater major number than
 * the released one's.
 */
final class ApiCompatibility {

  /** The outcome, with openapi-diff's report of the changes. */
  record Verdict(boolean acceptable, String reason, String changes) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiCompatibility() {}

  static Verdict check(String released, String current) {
    SemanticVersion releasedVersion = SemanticVersion.of(version(released));
    SemanticVersion currentVersion = SemanticVersion.of(version(current));
    ChangedOpenApi diff = OpenApiCompare.fromContents(released, current);
    List<String> typeChanges = TypeChanges.breaking(tree(released), tree(current));
    String changes =
        (diff.isUnchanged() ? "no changes" : new MarkdownRender().render(diff))
            + (typeChanges.isEmpty()
                ? ""
                : "\nBreaking type changes:\n- " + String.join("\n- ", typeChanges));
    boolean incompatible = diff.isIncompatible() || !typeChanges.isEmpty();
    if (currentVersion.compareTo(releasedVersion) < 0) {
      return new Verdict(
          false,
          "version " + currentVersion + " is older than the released " + releasedVersion,
          changes);
    }
    if (!incompatible) {
      return new Verdict(true, diff.isUnchanged() ? "unchanged" : "compatible changes", changes);
    }
    if (currentVersion.major() > releasedVersion.major()) {
      return new Verdict(
          true,
          "breaking changes announced by the major version "
              + releasedVersion
              + " -> "
              + currentVersion,
          changes);
    }
    return new Verdict(
        false,
        "breaking changes to the released "
            + releasedVersion
            + " without a new major "
            + "version (raise trading.api.version's major number and say what breaks in the README, or keep the change "
            + "compatible)",
        changes);
  }

  private static String version(String document) {
    return tree(document).path("info").path("version").asText("");
  }

  private static JsonNode tree(String document) {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code major.minor.patch}. */
  record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    static SemanticVersion of(String text) {
      String[] parts = text.split("\\.");
      if (parts.length != 3 || !text.matches("\\d+\\.\\d+\\.\\d+")) {
        throw new IllegalArgumentException("info.version '" + text + "' is not major.minor.patch");
      }
      return new SemanticVersion(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public int compareTo(SemanticVersion other) {
      return major != other.major
          ? Integer.compare(major, other.major)
          : minor != other.minor
              ? Integer.compare(minor, other.minor)
              : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }
}

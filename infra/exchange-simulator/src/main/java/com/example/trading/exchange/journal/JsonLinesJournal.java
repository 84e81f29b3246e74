package com.example.trading.exchange.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * An append-only file of JSON documents, one per line. {@link #append} returns only after the line
 * is on disk (written and fsync'd), so an entry whose append returned survives a crash or power
 * loss. Only the last line can have been cut short by a crash (appends are serialized, and each
 * returns after its fsync), and that entry was never acknowledged: opening the journal discards a
 * last line that is incomplete or unreadable. A broken line anywhere else is corruption: opening
 * refuses the file rather than skip what it cannot read.
 *
 * <p>One process at a time: opening takes an exclusive lock on the file. Thread-safe; appends are
 * serialized. Fail-stop: after an append fails, every further append is refused (the memory of the
 * caller and the file may disagree about the failed entry), until a restart replays the file.
 *
 * @param <T> the type of the entries
 */
public final class JsonLinesJournal<T> implements Closeable {

  private final Path file;
  private final ObjectMapper json;
  private final FileChannel channel;
  private final FileLock lock;
  private long size;
  private @Nullable Exception failure;

  private JsonLinesJournal(
      Path file, ObjectMapper json, FileChannel channel, FileLock lock, long size) {
    this.file = file;
    this.json = json;
    this.channel = channel;
    this.lock = lock;
    this.size = size;
  }

  /**
   * Opens (or creates) the journal file, passes every entry in it to {@code replay} in the order
   * they were appended, and returns the journal ready for appends.
   *
   * @throws IllegalStateException when another journal holds the file, or a line other than a torn
   *     last one cannot be read
   * @throws UncheckedIOException when the file cannot be read or created
   */
  public static <T> JsonLinesJournal<T> open(
      Path file, Class<T> type, ObjectMapper json, Consumer<? super T> replay) {
    FileChannel channel = null;
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      boolean created = Files.notExists(file);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = lockOf(channel, file);
      if (created) {
        syncDirectory(directory);
      }
      long intact = replay(channel, file, type, json, replay);
      if (intact < channel.size()) {
        channel.truncate(intact);
        channel.force(false);
      }
      return new JsonLinesJournal<>(file, json, channel, lock, intact);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open journal " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Appends one entry and returns once it is on disk.
   *
   * @throws JournalFailure when the entry could not be written durably; the journal then refuses
   *     every further append
   */
  public synchronized void append(T entry) {
    if (failure != null) {
      throw new JournalFailure(
          "journal " + file + " refuses appends after a failed one; restart to replay it", failure);
    }
    byte[] line = line(entry);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      long position = size;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      channel.force(false);
      size = position;
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw new JournalFailure("could not append to journal " + file, e);
    }
  }

  /** Whether the journal still accepts appends (no append has failed). */
  public synchronized boolean healthy() {
    return failure == null && channel.isOpen();
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] line(T entry) {
    String document = json.writeValueAsString(entry);
    if (document.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a journal entry must serialize to one line");
    }
    return (document + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Replays every readable line; returns the length of the intact prefix of the file. */
  private static <T> long replay(
      FileChannel channel, Path file, Class<T> type, ObjectMapper json, Consumer<? super T> replay)
      throws IOException {
    channel.position(0);
    // Not closed: closing the stream would close the channel.
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    long intact = 0;
    long lineNumber = 0;
    JacksonException unreadable = null;
    int b;
    while ((b = in.read()) != -1) {
      if (b != '\n') {
        line.write(b);
        continue;
      }
      lineNumber++;
      if (unreadable != null) {
        throw new IllegalStateException(
            "journal " + file + " is corrupt at line " + (lineNumber - 1), unreadable);
      }
      if (line.size() > 0) {
        T entry;
        try {
          entry = json.readValue(line.toByteArray(), type);
        } catch (JacksonException e) {
          unreadable = e;
          line.reset();
          continue;
        }
        replay.accept(entry);
      }
      intact += line.size() + 1L;
      line.reset();
    }
    if (unreadable != null && line.size() > 0) {
      throw new IllegalStateException(
          "journal " + file + " is corrupt at line " + lineNumber, unreadable);
    }
    return intact;
  }

  private static FileLock lockOf(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException("journal " + file + " is in use by another venue");
    }
    return lock;
  }

  /**
   * Makes the new file's directory entry durable; best effort where a directory cannot be opened.
   */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the file's own fsyncs still apply.
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing; the original error is the one to report.
      }
    }
  }

  /** An append that did not reach the disk; the journal accepts nothing more until a restart. */
  public static final class JournalFailure extends IllegalStateException {

    JournalFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

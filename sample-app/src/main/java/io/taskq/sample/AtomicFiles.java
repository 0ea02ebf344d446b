package io.taskq.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see either the old content or the new, never a partial file: the content goes
 * to a temporary file in the same directory, which is then moved over the target.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/**
	 * Write a temporary file next to the target, ready to be {@linkplain #replace(Path, Path) moved} over it.
	 * @param target the file the content is meant for
	 * @param content writes the content
	 * @return the temporary file
	 */
	public static Path writeTemporary(Path target, ContentWriter content) {
		Path directory = target.toAbsolutePath().getParent();
		try {
			Files.createDirectories(directory);
			Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
			try (OutputStream out = Files.newOutputStream(temporary)) {
				content.writeTo(out);
			}
			catch (IOException | RuntimeException ex) {
				Files.deleteIfExists(temporary);
				throw ex;
			}
			return temporary;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + target, ex);
		}
	}

	/**
	 * Move a temporary file over the target in one step.
	 * @param temporary the temporary file, in the target's directory
	 * @param target the target
	 */
	public static void replace(Path temporary, Path target) {
		try {
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not move " + temporary + " to " + target, ex);
		}
	}

	/**
	 * Write a file atomically.
	 * @param target the file
	 * @param content writes the content
	 */
	public static void write(Path target, ContentWriter content) {
		replace(writeTemporary(target, content), target);
	}

	/**
	 * Writes a file's content.
	 */
	@FunctionalInterface
	public interface ContentWriter {

		/**
		 * Write the content.
		 * @param out the stream to write to
		 * @throws IOException if writing fails
		 */
		void writeTo(OutputStream out) throws IOException;

	}

}

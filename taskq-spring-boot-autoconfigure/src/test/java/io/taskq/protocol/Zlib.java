package io.taskq.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Zlib data as kombu writes it for {@code compression: application/x-gzip}, for tests of compressed messages,
 * compression bombs among them.
 */
public final class Zlib {

	private Zlib() {
	}

	/**
	 * Compress some JSON followed by spaces.
	 * @param json the JSON
	 * @param padding how many spaces follow it: a few megabytes of them compress to a few kilobytes
	 * @return the zlib data
	 */
	public static byte[] compress(String json, int padding) {
		Deflater deflater = new Deflater();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
		drain(deflater, buffer, out);
		byte[] spaces = new byte[1024 * 1024];
		Arrays.fill(spaces, (byte) ' ');
		for (int left = padding; left > 0; left -= spaces.length) {
			deflater.setInput(spaces, 0, Math.min(left, spaces.length));
			drain(deflater, buffer, out);
		}
		deflater.finish();
		while (!deflater.finished()) {
			out.write(buffer, 0, deflater.deflate(buffer));
		}
		deflater.end();
		return out.toByteArray();
	}

	private static void drain(Deflater deflater, byte[] buffer, ByteArrayOutputStream out) {
		while (!deflater.needsInput()) {
			out.write(buffer, 0, deflater.deflate(buffer));
		}
	}

}

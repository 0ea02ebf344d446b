package io.taskq.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the sample application ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Directory of the files the tasks write (thumbnails, reports); relative paths resolve against the working
	 * directory.
	 */
	private Path dataDir = Path.of("data");

	/**
	 * Prefix of every Redis key of the application's own data (forum, reports, locks).
	 */
	private String redisPrefix = "sample:";

	private final Forum forum = new Forum();

	private final Reports reports = new Reports();

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public String getRedisPrefix() {
		return this.redisPrefix;
	}

	public void setRedisPrefix(String redisPrefix) {
		this.redisPrefix = redisPrefix;
	}

	public Forum getForum() {
		return this.forum;
	}

	public Reports getReports() {
		return this.reports;
	}

	/**
	 * Forum settings.
	 */
	public static class Forum {

		/**
		 * Whether a few threads, posts and users are created at startup when absent.
		 */
		private boolean seed = true;

		public boolean isSeed() {
			return this.seed;
		}

		public void setSeed(boolean seed) {
			this.seed = seed;
		}

	}

	/**
	 * Report settings.
	 */
	public static class Reports {

		/**
		 * Lease of the per-report lock: how long a generation may hold it before another may take it over.
		 */
		private Duration lockLease = Duration.ofSeconds(60);

		/**
		 * How long a generation waits for the per-report lock before it fails.
		 */
		private Duration lockWait = Duration.ofSeconds(30);

		public Duration getLockLease() {
			return this.lockLease;
		}

		public void setLockLease(Duration lockLease) {
			this.lockLease = lockLease;
		}

		public Duration getLockWait() {
			return this.lockWait;
		}

		public void setLockWait(Duration lockWait) {
			this.lockWait = lockWait;
		}

	}

}

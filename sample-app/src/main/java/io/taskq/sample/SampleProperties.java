package io.taskq.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

	/**
	 * Zone of the daily schedules in application.yml and of the dates that name backup files.
	 */
	private ZoneId zone = ZoneOffset.UTC;

	private final Forum forum = new Forum();

	private final Reports reports = new Reports();

	private final Search search = new Search();

	private final Cleanup cleanup = new Cleanup();

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

	public ZoneId getZone() {
		return this.zone;
	}

	public void setZone(ZoneId zone) {
		this.zone = zone;
	}

	public Forum getForum() {
		return this.forum;
	}

	public Reports getReports() {
		return this.reports;
	}

	public Search getSearch() {
		return this.search;
	}

	public Cleanup getCleanup() {
		return this.cleanup;
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

	/**
	 * Search index settings.
	 */
	public static class Search {

		/**
		 * How long the index entries of a report live after it was last indexed; the periodic re-index refreshes
		 * them.
		 */
		private Duration expiry = Duration.ofDays(1);

		public Duration getExpiry() {
			return this.expiry;
		}

		public void setExpiry(Duration expiry) {
			this.expiry = expiry;
		}

	}

	/**
	 * Settings of the clean-up of old files.
	 */
	public static class Cleanup {

		/**
		 * How long thumbnails and report PDFs are kept after they were last written.
		 */
		private Duration retention = Duration.ofDays(7);

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

}

package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A periodic task: which task to send with which arguments, when (a {@link BeatTrigger}) and under which
 * policies. Immutable; build one with {@link #builder(String, String)}.
 */
public final class BeatSchedule {

	private final String name;

	private final String task;

	private final BeatTrigger trigger;

	private final ZoneId zone;

	private final List<@Nullable Object> args;

	private final Map<String, @Nullable Object> kwargs;

	private final @Nullable String queue;

	private final MissedTicks missedTicks;

	private final Duration catchUpWindow;

	private final Overlap overlap;

	private final Duration jitter;

	private final @Nullable Instant start;

	private final @Nullable Instant end;

	private final boolean paused;

	private final boolean declared;

	private BeatSchedule(Builder builder, BeatTrigger trigger) {
		this.name = builder.name;
		this.task = builder.task;
		this.trigger = trigger;
		this.zone = builder.zone;
		this.args = Collections.unmodifiableList(new ArrayList<>(builder.args));
		this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.kwargs));
		this.queue = builder.queue;
		this.missedTicks = builder.missedTicks;
		this.catchUpWindow = builder.catchUpWindow;
		this.overlap = builder.overlap;
		this.jitter = builder.jitter;
		this.start = builder.start;
		this.end = builder.end;
		this.paused = builder.paused;
		this.declared = builder.declared;
	}

	/**
	 * Start building a schedule.
	 * @param name the schedule's name, unique among schedules
	 * @param task the task it sends, which any worker on the queue may know (a Python one too)
	 * @return a builder
	 */
	public static Builder builder(String name, String task) {
		return new Builder(name, task);
	}

	/**
	 * A builder holding this schedule's settings, to derive a changed copy.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.name, this.task);
		builder.trigger = this.trigger;
		builder.zone = this.zone;
		builder.args = new ArrayList<>(this.args);
		builder.kwargs = new LinkedHashMap<>(this.kwargs);
		builder.queue = this.queue;
		builder.missedTicks = this.missedTicks;
		builder.catchUpWindow = this.catchUpWindow;
		builder.overlap = this.overlap;
		builder.jitter = this.jitter;
		builder.start = this.start;
		builder.end = this.end;
		builder.paused = this.paused;
		builder.declared = this.declared;
		return builder;
	}

	/**
	 * The schedule's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The task it sends.
	 * @return the task name
	 */
	public String task() {
		return this.task;
	}

	/**
	 * When it ticks.
	 * @return the trigger
	 */
	public BeatTrigger trigger() {
		return this.trigger;
	}

	/**
	 * The zone a cron trigger is read in.
	 * @return the zone (UTC unless set)
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * The positional arguments of each task sent.
	 * @return the arguments
	 */
	public List<@Nullable Object> args() {
		return this.args;
	}

	/**
	 * The keyword arguments of each task sent.
	 * @return the keyword arguments
	 */
	public Map<String, @Nullable Object> kwargs() {
		return this.kwargs;
	}

	/**
	 * The queue the task is sent to, or {@code null} for the task's own.
	 * @return the queue
	 */
	public @Nullable String queue() {
		return this.queue;
	}

	/**
	 * What happens to missed ticks.
	 * @return the policy
	 */
	public MissedTicks missedTicks() {
		return this.missedTicks;
	}

	/**
	 * With {@link MissedTicks#CATCH_UP}, how far back missed ticks are still fired.
	 * @return the window
	 */
	public Duration catchUpWindow() {
		return this.catchUpWindow;
	}

	/**
	 * What happens to a tick while the previous run has not finished.
	 * @return the policy
	 */
	public Overlap overlap() {
		return this.overlap;
	}

	/**
	 * Up to how long after its tick each task may be delayed, to spread schedules that tick at the same time.
	 * The delay of a tick is derived from the schedule's name and the tick, so it is the same on every
	 * instance.
	 * @return the jitter, zero for none
	 */
	public Duration jitter() {
		return this.jitter;
	}

	/**
	 * The first instant a tick may be at, or {@code null} for no bound.
	 * @return the start
	 */
	public @Nullable Instant start() {
		return this.start;
	}

	/**
	 * The last instant a tick may be at, or {@code null} for no bound.
	 * @return the end
	 */
	public @Nullable Instant end() {
		return this.end;
	}

	/**
	 * Whether the schedule is paused: it fires nothing until resumed.
	 * @return whether paused
	 */
	public boolean paused() {
		return this.paused;
	}

	/**
	 * Whether the schedule was declared in code or configuration (and is removed once no longer declared), as
	 * opposed to added at runtime.
	 * @return whether declared
	 */
	public boolean declared() {
		return this.declared;
	}

	/**
	 * The first tick strictly after an instant, within the schedule's start and end (a tick at the start or at
	 * the end counts).
	 * @param after the instant
	 * @return the tick, or {@code null} if there is none
	 */
	public @Nullable Instant nextTick(Instant after) {
		Instant from = (this.start != null && after.isBefore(this.start)) ? this.start.minusNanos(1) : after;
		Instant tick = this.trigger.next(from, this.zone);
		return (tick != null && (this.end == null || !tick.isAfter(this.end))) ? tick : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof BeatSchedule that && this.name.equals(that.name) && this.task.equals(that.task)
				&& this.trigger.equals(that.trigger) && this.zone.equals(that.zone) && this.args.equals(that.args)
				&& this.kwargs.equals(that.kwargs) && Objects.equals(this.queue, that.queue)
				&& this.missedTicks == that.missedTicks && this.catchUpWindow.equals(that.catchUpWindow)
				&& this.overlap == that.overlap && this.jitter.equals(that.jitter)
				&& Objects.equals(this.start, that.start) && Objects.equals(this.end, that.end)
				&& this.paused == that.paused && this.declared == that.declared;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.task, this.trigger, this.zone, this.args, this.kwargs, this.queue,
				this.missedTicks, this.catchUpWindow, this.overlap, this.jitter, this.start, this.end, this.paused,
				this.declared);
	}

	@Override
	public String toString() {
		return "BeatSchedule[name=" + this.name + ", task=" + this.task + ", trigger=" + this.trigger + ", zone="
				+ this.zone + ", args=" + this.args + ", kwargs=" + this.kwargs + ", queue=" + this.queue
				+ ", missedTicks=" + this.missedTicks + ", catchUpWindow=" + this.catchUpWindow + ", overlap="
				+ this.overlap + ", jitter=" + this.jitter + ", start=" + this.start + ", end=" + this.end
				+ ", paused=" + this.paused + ", declared=" + this.declared + "]";
	}

	/**
	 * Builds a {@link BeatSchedule}. Exactly one of {@link #cron(String)} and {@link #every(Duration)} is
	 * required.
	 */
	public static final class Builder {

		private final String name;

		private final String task;

		private @Nullable BeatTrigger trigger;

		private @Nullable Duration every;

		private ZoneId zone = ZoneOffset.UTC;

		private List<@Nullable Object> args = new ArrayList<>();

		private Map<String, @Nullable Object> kwargs = new LinkedHashMap<>();

		private @Nullable String queue;

		private MissedTicks missedTicks = MissedTicks.FIRE_ONCE;

		private Duration catchUpWindow = Duration.ofHours(1);

		private Overlap overlap = Overlap.ALLOW;

		private Duration jitter = Duration.ZERO;

		private @Nullable Instant start;

		private @Nullable Instant end;

		private boolean paused;

		private boolean declared;

		private Builder(String name, String task) {
			Assert.hasText(name, "'name' must not be empty");
			Assert.hasText(task, "'task' must not be empty");
			this.name = name;
			this.task = task;
		}

		/**
		 * Tick at the times of a cron expression (see {@link BeatTrigger#cron(String)}).
		 * @param expression the expression
		 * @return this builder
		 */
		public Builder cron(String expression) {
			this.trigger = BeatTrigger.cron(expression);
			this.every = null;
			return this;
		}

		/**
		 * Tick at a fixed rate, counted from the start if set, else from the epoch (so every minute ticks on
		 * whole minutes of UTC).
		 * @param period the period
		 * @return this builder
		 */
		public Builder every(Duration period) {
			Assert.isTrue(period.compareTo(Duration.ofMillis(1)) >= 0, "'every' must be at least a millisecond");
			this.every = period;
			this.trigger = null;
			return this;
		}

		/**
		 * Use a trigger.
		 * @param trigger the trigger
		 * @return this builder
		 */
		public Builder trigger(BeatTrigger trigger) {
			this.trigger = trigger;
			this.every = null;
			return this;
		}

		/**
		 * Read a cron trigger in this zone (default UTC).
		 * @param zone the zone
		 * @return this builder
		 */
		public Builder zone(ZoneId zone) {
			this.zone = zone;
			return this;
		}

		/**
		 * Send these positional arguments; each must serialise to JSON.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder args(List<? extends @Nullable Object> args) {
			this.args = new ArrayList<>(args);
			return this;
		}

		/**
		 * Send these keyword arguments; each value must serialise to JSON.
		 * @param kwargs the keyword arguments
		 * @return this builder
		 */
		public Builder kwargs(Map<String, ? extends @Nullable Object> kwargs) {
			this.kwargs = new LinkedHashMap<>(kwargs);
			return this;
		}

		/**
		 * Send to this queue instead of the task's own.
		 * @param queue the queue, or {@code null} for the task's own
		 * @return this builder
		 */
		public Builder queue(@Nullable String queue) {
			this.queue = queue;
			return this;
		}

		/**
		 * What to do with missed ticks (default {@link MissedTicks#FIRE_ONCE}).
		 * @param missedTicks the policy
		 * @return this builder
		 */
		public Builder missedTicks(MissedTicks missedTicks) {
			this.missedTicks = missedTicks;
			return this;
		}

		/**
		 * With {@link MissedTicks#CATCH_UP}, fire missed ticks this far back (default an hour).
		 * @param catchUpWindow the window
		 * @return this builder
		 */
		public Builder catchUpWindow(Duration catchUpWindow) {
			this.catchUpWindow = catchUpWindow;
			return this;
		}

		/**
		 * What to do with a tick while the previous run has not finished (default {@link Overlap#ALLOW}).
		 * @param overlap the policy
		 * @return this builder
		 */
		public Builder overlap(Overlap overlap) {
			this.overlap = overlap;
			return this;
		}

		/**
		 * Delay each task by up to this long after its tick (default none).
		 * @param jitter the jitter
		 * @return this builder
		 */
		public Builder jitter(Duration jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Fire no tick before this instant.
		 * @param start the start, or {@code null} for none
		 * @return this builder
		 */
		public Builder start(@Nullable Instant start) {
			this.start = start;
			return this;
		}

		/**
		 * Fire no tick after this instant.
		 * @param end the end, or {@code null} for none
		 * @return this builder
		 */
		public Builder end(@Nullable Instant end) {
			this.end = end;
			return this;
		}

		/**
		 * Whether the schedule is paused.
		 * @param paused whether paused
		 * @return this builder
		 */
		public Builder paused(boolean paused) {
			this.paused = paused;
			return this;
		}

		/**
		 * Whether the schedule is declared in code or configuration.
		 * @param declared whether declared
		 * @return this builder
		 */
		public Builder declared(boolean declared) {
			this.declared = declared;
			return this;
		}

		/**
		 * Build the schedule.
		 * @return the schedule
		 * @throws IllegalArgumentException if the settings are not valid
		 */
		public BeatSchedule build() {
			BeatTrigger trigger = this.trigger;
			if (this.every != null) {
				trigger = BeatTrigger.every(this.every, (this.start != null) ? this.start : Instant.EPOCH);
			}
			Assert.isTrue(trigger != null, () -> "Schedule '" + this.name + "' needs a cron expression or a period");
			Assert.isTrue(!this.jitter.isNegative(), "'jitter' must not be negative");
			Assert.isTrue(!this.catchUpWindow.isNegative(), "'catchUpWindow' must not be negative");
			Assert.isTrue(this.start == null || this.end == null || !this.end.isBefore(this.start),
					() -> "Schedule '" + this.name + "' ends before it starts");
			return new BeatSchedule(this, trigger);
		}

	}

}

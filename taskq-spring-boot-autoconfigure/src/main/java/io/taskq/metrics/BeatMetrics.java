package io.taskq.metrics;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.taskq.beat.BeatListener;
import io.taskq.beat.BeatRun;

/**
 * The Micrometer meters of periodic tasks, counted once per tick across every instance (by the instance that
 * records it):
 * <ul>
 * <li>{@code taskq.beat.ticks} (counter; tag {@code outcome} = fired, missed, skipped, triggered or failed);</li>
 * <li>{@code taskq.beat.lateness} (timer): how long after its tick each fired tick was sent.</li>
 * </ul>
 * Not tagged by schedule: there may be a hundred thousand.
 */
public class BeatMetrics implements BeatListener, MeterBinder {

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void recorded(String schedule, List<BeatRun> runs, long missed) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		for (BeatRun run : runs) {
			if (run.outcome() == BeatRun.Outcome.FIRED) {
				Timer.builder("taskq.beat.lateness")
					.description("How long after its tick each tick was sent")
					.register(registry)
					.record(run.lateness());
			}
			if (run.outcome() != BeatRun.Outcome.MISSED) {
				ticks(registry, run.outcome()).increment();
			}
		}
		if (missed > 0) {
			ticks(registry, BeatRun.Outcome.MISSED).increment(missed);
		}
	}

	private static Counter ticks(MeterRegistry registry, BeatRun.Outcome outcome) {
		return Counter.builder("taskq.beat.ticks")
			.description("Ticks of periodic tasks, by what became of them")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

}

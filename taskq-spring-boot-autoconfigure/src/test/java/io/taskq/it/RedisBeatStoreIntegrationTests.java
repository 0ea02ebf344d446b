package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatStore;
import io.taskq.beat.BeatTrigger;
import io.taskq.store.redis.RedisBeatStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The store of periodic tasks on the real Redis: claims by Redis's clock that keep other instances out until they
 * lapse, the compare-and-set advance, capped histories, expiring keys and the synchronisation of declared schedules.
 */
class RedisBeatStoreIntegrationTests {

	private static final BeatStore.NextDue PAST = (schedule, lastTick, now) -> now.minusSeconds(1);

	private final LettuceConnectionFactory connectionFactory = started(new LettuceConnectionFactory());

	private final StringRedisTemplate redis = new StringRedisTemplate(this.connectionFactory);

	private final String prefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final RedisBeatStore store = store();

	private final RedisBeatStore otherInstance = store();

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private RedisBeatStore store() {
		return new RedisBeatStore(this.redis, JsonMapper.builder().build(), this.prefix, 3, Duration.ofDays(30));
	}

	@AfterEach
	void deleteKeys() {
		Set<String> keys = this.redis.keys(this.prefix + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
		this.connectionFactory.destroy();
	}

	@Test
	void aClaimKeepsOtherInstancesOutUntilItLapses() {
		this.store.save(everySecond("report"), PAST);
		BeatStore.Poll first = this.store.claimDue(10, Duration.ofMillis(1500));
		assertThat(first.claimed()).extracting((entry) -> entry.schedule().name()).containsExactly("report");
		assertThat(first.now()).isCloseTo(Instant.now(), within(2, ChronoUnit.SECONDS));
		assertThat(first.earliestDue()).isEqualTo(first.now().plusMillis(1500));
		assertThat(this.otherInstance.claimDue(10, Duration.ofMillis(1500)).claimed()).isEmpty();
		await("the claim lapses").atMost(Duration.ofSeconds(10))
			.until(() -> this.otherInstance.claimDue(10, Duration.ofSeconds(30)).claimed().size() == 1);
		assertThat(this.store.claimDue(10, Duration.ofSeconds(30)).claimed()).isEmpty();
	}

	@Test
	void aClaimedEntryCarriesItsDueTickNotTheEndOfAnEarlierClaim() {
		Instant due = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		this.store.save(everySecond("report"), (schedule, lastTick, now) -> due);
		this.store.claimDue(10, Duration.ofMillis(200));
		await("the claim lapses").atMost(Duration.ofSeconds(10)).until(() -> {
			List<BeatStore.Entry> claimed = this.store.claimDue(10, Duration.ofSeconds(30)).claimed();
			return claimed.size() == 1 && claimed.get(0).nextDue().equals(due);
		});
	}

	@Test
	void advanceRecordsOnlyIfTheLastTickIsStillTheOneRead() {
		this.store.save(everySecond("report"), PAST);
		BeatStore.Entry entry = this.store.claimDue(10, Duration.ofSeconds(30)).claimed().get(0);
		Instant tick = entry.nextDue();
		Instant next = tick.plusSeconds(1);
		BeatRun fired = new BeatRun(tick, tick.plusMillis(7), Duration.ofMillis(7), "task-1", BeatRun.Outcome.FIRED,
				null);
		assertThat(this.store.advance("report", null, tick, "task-1", next, List.of(fired))).isTrue();
		assertThat(this.otherInstance.advance("report", null, tick, "task-2", next, List.of(fired))).isFalse();
		BeatStore.Entry advanced = this.store.get("report");
		assertThat(advanced.lastTick()).isEqualTo(tick);
		assertThat(advanced.lastTaskId()).isEqualTo("task-1");
		assertThat(advanced.nextDue()).isEqualTo(next);
		assertThat(this.redis.opsForZSet().score(this.prefix + "beat:due", "report")).isEqualTo(next.toEpochMilli());
		assertThat(this.store.history("report", 10)).containsExactly(fired);
		BeatRun missed = new BeatRun(next, null, Duration.ZERO, null, BeatRun.Outcome.MISSED, null);
		assertThat(this.store.advance("report", tick, next, null, null, List.of(missed))).isTrue();
		assertThat(this.store.get("report").lastTaskId()).as("kept").isEqualTo("task-1");
		assertThat(this.store.get("report").nextDue()).as("no more ticks").isNull();
		assertThat(this.redis.opsForZSet().score(this.prefix + "beat:due", "report")).isNull();
	}

	@Test
	void historyIsCappedNewestFirst() {
		this.store.save(everySecond("report"), PAST);
		Instant tick = Instant.parse("2026-01-01T00:00:00Z");
		Instant last = null;
		for (int i = 0; i < 5; i++) {
			Instant current = tick.plusSeconds(i);
			this.store.advance("report", last, current, "task-" + i, current.plusSeconds(1), List.of(
					new BeatRun(current, current, Duration.ZERO, "task-" + i, BeatRun.Outcome.FIRED, null)));
			last = current;
		}
		assertThat(this.store.history("report", 10)).extracting(BeatRun::taskId)
			.containsExactly("task-4", "task-3", "task-2");
		assertThat(this.store.history("report", 2)).extracting(BeatRun::taskId).containsExactly("task-4", "task-3");
	}

	@Test
	void everyKeyExpires() {
		this.store.save(everySecond("report"), PAST);
		this.store.syncDeclared(List.of(everySecond("declared").toBuilder().paused(true).build()), PAST);
		Instant tick = this.store.claimDue(10, Duration.ofSeconds(30)).claimed().get(0).nextDue();
		this.store.advance("report", null, tick, "task-1", tick.plusSeconds(1),
				List.of(new BeatRun(tick, tick, Duration.ZERO, "task-1", BeatRun.Outcome.FIRED, null)));
		this.store.addHistory("report", List.of(new BeatRun(tick, tick, Duration.ZERO, "task-2",
				BeatRun.Outcome.TRIGGERED, null)));
		Set<String> keys = this.redis.keys(this.prefix + "*");
		assertThat(keys).containsExactlyInAnyOrder(this.prefix + "beat:schedules", this.prefix + "beat:due",
				this.prefix + "beat:state", this.prefix + "beat:declared", this.prefix + "beat:history:report");
		for (String key : keys) {
			assertThat(this.redis.getExpire(key)).as(key).isBetween(Duration.ofDays(29).toSeconds(),
					Duration.ofDays(30).toSeconds());
		}
	}

	@Test
	void aDefinitionThatCannotBeReadIsLeftOutAndTheOthersAreClaimed() {
		this.store.save(everySecond("report"), PAST);
		this.redis.opsForHash().put(this.prefix + "beat:schedules", "broken", "{\"name\": \"broken\"");
		this.redis.opsForZSet().add(this.prefix + "beat:due", "broken", 0);
		assertThat(this.store.claimDue(10, Duration.ofSeconds(30)).claimed()).extracting((entry) -> entry.schedule()
			.name()).containsExactly("report");
		assertThat(this.redis.opsForZSet().score(this.prefix + "beat:due", "broken")).isNull();
		assertThat(this.store.list()).extracting((entry) -> entry.schedule().name()).containsExactly("report");
	}

	@Test
	void definitionsKeepTheirArgumentsAsJson() {
		BeatSchedule schedule = BeatSchedule.builder("report", "reports.build")
			.cron("0 15 3 * * *")
			.zone(ZoneId.of("Europe/Berlin"))
			.args(List.of(1, "two", List.of(3.5)))
			.kwargs(Map.of("tenant", "acme"))
			.queue("reports")
			.jitter(Duration.ofSeconds(30))
			.start(Instant.parse("2026-01-01T00:00:00Z"))
			.build();
		this.store.save(schedule, BeatStore.NextDue.fromNow());
		assertThat(this.store.get("report").schedule()).isEqualTo(schedule);
		assertThat((String) this.redis.opsForHash().get(this.prefix + "beat:schedules", "report"))
			.contains("\"args\":[1,\"two\",[3.5]]")
			.contains("\"cron\":\"0 15 3 * * *\"");
	}

	@Test
	void syncAddsReplacesAndRemovesDeclaredSchedulesAndKeepsRuntimeOnesAndPausedState() {
		this.store.save(everySecond("runtime"), BeatStore.NextDue.fromNow());
		this.store.syncDeclared(List.of(everySecond("kept"), everySecond("changed"), everySecond("dropped")),
				BeatStore.NextDue.fromNow());
		BeatStore.Entry changed = this.store.get("changed");
		this.store.save(changed.schedule().toBuilder().paused(true).build(), BeatStore.NextDue.fromNow());
		Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.store.advance("changed", null, tick, "task-1", null, List.of());
		BeatStore.Entry keptBefore = this.store.get("kept");

		List<String> removed = this.store.syncDeclared(List.of(everySecond("kept"),
				BeatSchedule.builder("changed", "reports.build").every(Duration.ofMinutes(1)).build(),
				everySecond("added")), BeatStore.NextDue.fromNow());

		assertThat(removed).containsExactly("dropped");
		assertThat(this.store.list()).extracting((entry) -> entry.schedule().name())
			.containsExactlyInAnyOrder("runtime", "kept", "changed", "added");
		assertThat(this.store.get("runtime").schedule().declared()).isFalse();
		assertThat(this.store.get("kept")).as("unchanged, untouched").isEqualTo(keptBefore);
		BeatStore.Entry replaced = this.store.get("changed");
		assertThat(replaced.schedule().trigger()).isEqualTo(BeatTrigger.every(Duration.ofMinutes(1), Instant.EPOCH));
		assertThat(replaced.schedule().paused()).isTrue();
		assertThat(replaced.schedule().declared()).isTrue();
		assertThat(replaced.lastTick()).isEqualTo(tick);
		assertThat(replaced.lastTaskId()).isEqualTo("task-1");
		assertThat(replaced.nextDue()).as("paused").isNull();
		assertThat(this.store.get("added").schedule().declared()).isTrue();
		assertThat(this.store.get("added").nextDue()).isAfter(Instant.now().minusSeconds(2));
		assertThat(this.redis.hasKey(this.prefix + "beat:history:dropped")).isFalse();
		assertThat(this.redis.opsForSet().members(this.prefix + "beat:declared")).as("what a start-up reads")
			.containsExactlyInAnyOrder("kept", "changed", "added");
		this.store.remove("added");
		this.store.save(everySecond("kept"), BeatStore.NextDue.fromNow());
		assertThat(this.redis.opsForSet().members(this.prefix + "beat:declared")).as("a runtime save of its name")
			.containsExactly("changed");
	}

	private static BeatSchedule everySecond(String name) {
		return BeatSchedule.builder(name, "reports.build").every(Duration.ofSeconds(1)).build();
	}

}

package io.taskq.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.taskq.store.fake.InMemoryLeaseStore;

import static io.taskq.worker.TestExecutions.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LeaseKeeperTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private final ManualTimer timer = new ManualTimer();

	private final InMemoryLeaseStore leases = new InMemoryLeaseStore(Clock.fixed(NOW, ZoneOffset.UTC));

	private final LeaseKeeper keeper = new LeaseKeeper(this.leases, this.timer);

	@Test
	void aLeaseKeptIsRenewedEveryThirdOfItsTimeToLive() {
		this.leases.acquire("lease", "holder", TTL);
		this.keeper.keep("lease", "holder", TTL, "Task t-1");
		this.timer.advance(Duration.ofSeconds(9));
		assertThat(this.leases.renewals("lease")).isZero();
		this.timer.advance(Duration.ofSeconds(1));
		assertThat(this.leases.renewals("lease")).isOne();
		this.timer.advance(Duration.ofSeconds(20));
		assertThat(this.leases.renewals("lease")).isEqualTo(3);
	}

	@Test
	void releasingStopsTheRenewalsAndGivesTheLeaseUp() {
		this.leases.acquire("lease", "holder", TTL);
		LeaseKeeper.Held held = this.keeper.keep("lease", "holder", TTL, "Task t-1");
		held.release();
		assertThat(this.leases.holder("lease")).isNull();
		assertThat(this.timer.pending()).isZero();
		this.timer.advance(TTL);
		assertThat(this.leases.renewals("lease")).isZero();
	}

	@Test
	void aRenewalThatFailsDoesNotStopTheNextOnes() {
		InMemoryLeaseStore flaky = new InMemoryLeaseStore(Clock.fixed(NOW, ZoneOffset.UTC)) {

			private boolean failed;

			@Override
			public synchronized boolean renew(String name, String holder, Duration ttl) {
				if (!this.failed) {
					this.failed = true;
					throw new IllegalStateException("store down");
				}
				return super.renew(name, holder, ttl);
			}

		};
		flaky.acquire("lease", "holder", TTL);
		new LeaseKeeper(flaky, this.timer).keep("lease", "holder", TTL, "Task t-1");
		this.timer.advance(Duration.ofSeconds(20));
		assertThat(flaky.renewals("lease")).isOne();
	}

	@Test
	void aReleaseThatFailsLeavesTheLeaseToLapse() {
		this.leases.failReleases();
		LeaseKeeper.Held held = this.keeper.keep("lease", "holder", TTL, "Task t-1");
		assertThatNoException().isThrownBy(held::release);
		assertThat(this.timer.pending()).isZero();
	}

}

package io.taskq.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.taskq.beat.BeatStore;

/**
 * One periodic-task scheduler of the beat benchmark, in a JVM of its own ({@code java -jar benchmarks.jar
 * beat-instance name=value...}, started by {@link BeatBenchmark}): taskq's auto-configuration with the worker off and
 * the scheduler on ({@code taskq.beat.enabled=true}), so the scheduler is all it runs. It prints {@value #READY} once
 * started, then every second {@value #STATS} with the time (epoch milliseconds) and how many polls it has made (calls of
 * {@link BeatStore#claimDue}, counted around the store).
 */
@EnableAutoConfiguration
class BeatInstance {

	/** The first argument that runs the benchmark jar as an instance. */
	static final String MODE = "beat-instance";

	/** The line an instance prints once its context has started. */
	static final String READY = "beat-ready";

	/** The start of the line an instance prints every second. */
	static final String STATS = "beat-stats ";

	private static final LongAdder polls = new LongAdder();

	@Bean
	static BeanPostProcessor pollCountingBeatStore() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof BeatStore store) ? countingPolls(store) : bean;
			}

		};
	}

	private static BeatStore countingPolls(BeatStore store) {
		return (BeatStore) Proxy.newProxyInstance(BeatInstance.class.getClassLoader(),
				new Class<?>[] { BeatStore.class }, (proxy, method, args) -> {
					if (method.getName().equals("claimDue")) {
						polls.increment();
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	static void run(String[] properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BeatInstance.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=WARN")
			.properties(properties)
			.run();
		System.out.println(READY);
		System.out.flush();
		while (context.isRunning()) {
			LockSupport.parkNanos(1_000_000_000L);
			System.out.println(STATS + System.currentTimeMillis() + " " + polls.sum());
			System.out.flush();
		}
	}

}

package io.taskq.benchmarks;

import java.util.Arrays;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.taskq.benchmarks.CountingResultStore.StoreCounter;
import io.taskq.result.CeleryResultFormat;

/**
 * Runs the benchmark: {@code java -jar benchmarks/target/benchmarks.jar [--n=20000] [--producers=8] ...}. Each
 * worker configuration is its own application context on a queue of its own; see {@link Benchmark}. With
 * {@code beat-instance} first it runs one scheduler of the periodic-tasks check instead ({@link BeatInstance}).
 */
@SpringBootApplication
public class BenchmarkApplication {

	@Bean
	StoreCounter storeCounter() {
		return new StoreCounter();
	}

	@Bean
	CountingResultStore taskqResultStore(RedisConnectionFactory connectionFactory, StoreCounter counter) {
		return new CountingResultStore(connectionFactory, new CeleryResultFormat(JsonMapper.builder().build()),
				counter);
	}

	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=WARN")
			.properties(properties)
			.run();
	}

	/**
	 * A publisher connection of its own, on the broker the context connects to, with simple publisher confirms
	 * (each send waits for its confirm, as taskq's does).
	 * @param context the application context
	 * @return the connection factory, for the caller to destroy
	 */
	static CachingConnectionFactory confirmingPublisher(ConfigurableApplicationContext context) {
		ConnectionFactory boot = context.getBean(ConnectionFactory.class);
		CachingConnectionFactory publisher = new CachingConnectionFactory(
				((CachingConnectionFactory) boot).getRabbitConnectionFactory());
		publisher.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		return publisher;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals(BeatInstance.MODE)) {
			BeatInstance.run(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		try {
			new Benchmark(options).run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

}

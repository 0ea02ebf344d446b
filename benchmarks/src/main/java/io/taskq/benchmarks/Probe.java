package io.taskq.benchmarks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskOperations;
import io.taskq.result.RedisResultStore;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

public class Probe {

	interface Op { void run(int i) throws Exception; }

	static void time(String name, int n, Op op) throws Exception {
		for (int i = 0; i < n / 2; i++) op.run(-i - 1);
		long[] t = new long[n];
		for (int i = 0; i < n; i++) { long s = System.nanoTime(); op.run(i); t[i] = System.nanoTime() - s; }
		Arrays.sort(t);
		System.out.printf("%-40s p50 %.3f ms  p90 %.3f  p99 %.3f  mean %.3f%n", name, t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, t[n * 99 / 100] / 1e6, Arrays.stream(t).average().getAsDouble() / 1e6);
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 1) {
			java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
			for (int r = 0; r < 3; r++) {
				long s = System.nanoTime(); int h = 0;
				for (int i = 0; i < 1_000_000; i++) h += io.taskq.protocol.CeleryTime.format(now.plusNanos(i * 1000L)).length();
				long m = System.nanoTime(); 
				for (int i = 0; i < 1_000_000; i++) h += String.format("%06d", i % 999999 + 1).length();
				long e = System.nanoTime();
				System.out.printf("CeleryTime.format %.0f ns/call; String.format(%%06d) alone %.0f ns/call (%d)%n", (m - s) / 1e6, (e - m) / 1e6, h);
			}
			System.exit(0);
		}
		String q = "bench-probe-" + UUID.randomUUID();
		ConfigurableApplicationContext ctx = BenchmarkApplication.start("taskq.default-queue=" + q, "taskq.worker.enabled=false");
		StringRedisTemplate redis = ctx.getBean(StringRedisTemplate.class);
		RedisResultStore store = ctx.getBean(RedisResultStore.class);
		TaskOperations tasks = ctx.getBean(TaskOperations.class);
		int n = Integer.parseInt(args.length > 0 ? args[0] : "3000");
		String p = "bench-probe-" + UUID.randomUUID() + "-";
		time("redis GET", n, (i) -> redis.opsForValue().get(p + i));
		time("redis SET EX", n, (i) -> redis.opsForValue().set(p + i, "x".repeat(180), Duration.ofSeconds(60)));
		time("taskq store (EVAL)", n, (i) -> store.store(new TaskResult(p + "s" + i, TaskState.SUCCESS, IntNode.valueOf(i), null, JsonNodeFactory.instance.arrayNode(), OffsetDateTime.now(), null, null, null), Duration.ofSeconds(60)));
		time("taskq awaitReady (already stored)", n, (i) -> store.awaitReady(p + "s" + Math.abs(i), Duration.ofSeconds(5)));
		org.springframework.data.redis.core.script.RedisScript<Long> one = new org.springframework.data.redis.core.script.DefaultRedisScript<>("return 1", Long.class);
		time("EVALSHA return 1", n, (i) -> redis.execute(one, List.of(p + i)));
		org.springframework.data.redis.core.script.RedisScript<Long> setpub = new org.springframework.data.redis.core.script.DefaultRedisScript<>("redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) redis.call('PUBLISH', KEYS[1], ARGV[1]) return 1", Long.class);
		time("EVALSHA set+publish", n, (i) -> redis.execute(setpub, List.of(p + "x" + i), "x".repeat(180), "60"));
		org.springframework.data.redis.listener.RedisMessageListenerContainer c = new org.springframework.data.redis.listener.RedisMessageListenerContainer();
		c.setConnectionFactory(ctx.getBean(org.springframework.data.redis.connection.RedisConnectionFactory.class));
		c.afterPropertiesSet(); c.start();
		org.springframework.data.redis.connection.MessageListener l = (m, pt) -> {};
		time("container add+remove, none held", n, (i) -> { c.addMessageListener(l, new org.springframework.data.redis.listener.ChannelTopic(p + "c" + i)); c.removeMessageListener(l, new org.springframework.data.redis.listener.ChannelTopic(p + "c" + i)); });
		c.addMessageListener(l, new org.springframework.data.redis.listener.ChannelTopic("warm"));
		time("container add+remove, one held", n, (i) -> { c.addMessageListener(l, new org.springframework.data.redis.listener.ChannelTopic(p + "c" + i)); c.removeMessageListener(l, new org.springframework.data.redis.listener.ChannelTopic(p + "c" + i)); });
		time("taskq send (publish+confirm)", n, (i) -> tasks.send(BenchmarkTasks.NOOP, i));
		ctx.getBean(org.springframework.amqp.core.AmqpAdmin.class).deleteQueue(q);
		ctx.getBean(org.springframework.amqp.core.AmqpAdmin.class).deleteExchange(q);
		ctx.close();
		System.exit(0);
	}

}
